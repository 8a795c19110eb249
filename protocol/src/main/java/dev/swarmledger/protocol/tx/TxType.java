package dev.swarmledger.protocol.tx;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every transaction type the log accepts, by its wire name (docs/protocol.md). */
public enum TxType {
  GENESIS("genesis"),
  ACCOUNT_REGISTER("account.register"),
  VERIFIER_GRANT("verifier.grant"),
  VERIFIER_REVOKE("verifier.revoke"),
  TRACK_CREATE("track.create"),
  CLAIM_CREATE("claim.create"),
  CLAIM_RELEASE("claim.release"),
  HYPOTHESIS_CREATE("hypothesis.create"),
  RESULT_SUBMIT("result.submit"),
  ATTESTATION_SUBMIT("attestation.submit"),
  WORK_RETURN("work.return"),
  CREDIT_TRANSFER("credit.transfer"),
  WORKER_GRANT("worker.grant"),
  WORKER_REVOKE("worker.revoke"),
  JOB_CREATE("job.create"),
  JOB_LEASE("job.lease"),
  JOB_COMPLETE("job.complete"),
  JOB_ATTEST("job.attest"),
  JOB_CANCEL("job.cancel"),
  ANCHOR_RECORD("anchor.record");

  private static final Map<String, TxType> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toMap(TxType::wireName, Function.identity()));

  private final String wireName;

  TxType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<TxType> fromWire(String name) {
    return Optional.ofNullable(BY_WIRE.get(name));
  }
}
