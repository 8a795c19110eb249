package dev.swarmledger.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.accounts.AccountCodec;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.accounts.AccountRules;
import dev.swarmledger.protocol.anchors.AnchorCodec;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.anchors.AnchorRules;
import dev.swarmledger.protocol.claims.ClaimCodec;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.claims.ClaimRules;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.GenesisCodec;
import dev.swarmledger.protocol.genesis.GenesisRules;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobCodec;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobRules;
import dev.swarmledger.protocol.jobs.JobVerification;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
import dev.swarmledger.protocol.jobs.WorkerRules;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultCodec;
import dev.swarmledger.protocol.results.ResultRules;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.VerificationRules;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.results.VerifierRules;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.state.Rule;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tracks.TrackCodec;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackRules;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.transfers.TransferCodec;
import dev.swarmledger.protocol.transfers.TransferRules;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one place that wires every {@link TxType} to its body type, codec and rule. {@link #define}
 * is an exhaustive switch expression: a type added to the enum and not wired here does not compile.
 */
public final class TxRegistry {
  private static final Map<TxType, Entry<?>> ENTRIES = new EnumMap<>(TxType.class);

  static {
    for (TxType type : TxType.values()) {
      ENTRIES.put(type, define(type));
    }
  }

  private TxRegistry() {}

  private static Entry<?> define(TxType type) {
    return switch (type) {
      case GENESIS -> new Entry<>(type, Genesis.class, GenesisCodec.GENESIS, GenesisRules::apply);
      case ACCOUNT_REGISTER ->
          new Entry<>(
              type, AccountRegister.class, AccountCodec.ACCOUNT_REGISTER, AccountRules::register);
      case VERIFIER_GRANT ->
          new Entry<>(type, VerifierGrant.class, ResultCodec.VERIFIER_GRANT, VerifierRules::grant);
      case VERIFIER_REVOKE ->
          new Entry<>(
              type, VerifierRevoke.class, ResultCodec.VERIFIER_REVOKE, VerifierRules::revoke);
      case TRACK_CREATE ->
          new Entry<>(type, TrackCreate.class, TrackCodec.TRACK_CREATE, TrackRules::create);
      case CLAIM_CREATE ->
          new Entry<>(type, ClaimCreate.class, ClaimCodec.CLAIM_CREATE, ClaimRules::create);
      case CLAIM_RELEASE ->
          new Entry<>(type, ClaimRelease.class, ClaimCodec.CLAIM_RELEASE, ClaimRules::release);
      case HYPOTHESIS_CREATE ->
          new Entry<>(
              type, HypothesisCreate.class, ClaimCodec.HYPOTHESIS_CREATE, ClaimRules::hypothesize);
      case RESULT_SUBMIT ->
          new Entry<>(type, ResultSubmit.class, ResultCodec.RESULT_SUBMIT, ResultRules::submit);
      case ATTESTATION_SUBMIT ->
          new Entry<>(
              type,
              AttestationSubmit.class,
              ResultCodec.ATTESTATION_SUBMIT,
              VerificationRules::attest);
      case WORK_RETURN ->
          new Entry<>(type, WorkReturn.class, ResultCodec.WORK_RETURN, VerificationRules::handBack);
      case CREDIT_TRANSFER ->
          new Entry<>(
              type, CreditTransfer.class, TransferCodec.CREDIT_TRANSFER, TransferRules::transfer);
      case WORKER_GRANT ->
          new Entry<>(type, WorkerGrant.class, JobCodec.WORKER_GRANT, WorkerRules::grant);
      case WORKER_REVOKE ->
          new Entry<>(type, WorkerRevoke.class, JobCodec.WORKER_REVOKE, WorkerRules::revoke);
      case JOB_CREATE -> new Entry<>(type, JobCreate.class, JobCodec.JOB_CREATE, JobRules::create);
      case JOB_LEASE -> new Entry<>(type, JobLease.class, JobCodec.JOB_LEASE, JobRules::lease);
      case JOB_COMPLETE ->
          new Entry<>(type, JobComplete.class, JobCodec.JOB_COMPLETE, JobRules::complete);
      case JOB_ATTEST ->
          new Entry<>(type, JobAttest.class, JobCodec.JOB_ATTEST, JobVerification::attest);
      case JOB_CANCEL -> new Entry<>(type, JobCancel.class, JobCodec.JOB_CANCEL, JobRules::cancel);
      case ANCHOR_RECORD ->
          new Entry<>(type, AnchorRecord.class, AnchorCodec.ANCHOR_RECORD, AnchorRules::record);
    };
  }

  public static Entry<?> entry(TxType type) {
    return ENTRIES.get(type);
  }

  /** Strictly decodes the body of a {@code type} transaction, refusing unknown fields. */
  public static TxBody decode(TxType type, JsonFields fields) {
    TxBody body = entry(type).codec().decode(fields);
    fields.done();
    return body;
  }

  /** The wire JSON of any body. */
  public static ObjectNode encode(TxBody body) {
    return entry(body.type()).encode(body);
  }

  /** Applies {@code body} by the rule of its type. */
  public static void apply(Transition t, TxBody body) {
    entry(body.type()).apply(t, body);
  }

  /**
   * What the passing of log time does, after every accepted leaf: leases that ran out are
   * reassigned, challenge windows that closed release their pending credits, jobs whose worker's
   * lease ran out are offered again and completed jobs find a verifier. Runs after the rule, so a
   * refused transaction changes nothing, and only on accepted leaves, so a replay of the log does
   * exactly what the live node did.
   */
  public static void afterLeaf(Transition t) {
    VerificationRules.tick(t);
    JobRules.tick(t);
  }

  /** What the log knows about one transaction type. */
  public record Entry<B extends TxBody>(
      TxType type, Class<B> bodyType, BodyCodec<B> codec, Rule<B> rule) {

    ObjectNode encode(TxBody body) {
      return codec.encode(bodyType.cast(body));
    }

    void apply(Transition t, TxBody body) {
      rule.apply(t, bodyType.cast(body));
    }
  }
}
