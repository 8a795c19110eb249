package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.TxRegistry;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.protocol.tx.TxType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every transaction type is wired: it has a codec that round-trips a real body, a rule that accepts
 * it on a state where it is valid, and that rule leaves a trace in the state digest (and so in the
 * state root) beyond the size, the clock and the sender's nonce, which every accepted transaction
 * changes.
 */
class TxRegistryTest {
  private static final long FLOPS = 3_000_000_000_000L;

  @ParameterizedTest
  @EnumSource(TxType.class)
  void everyTypeHasACodecARuleAndAPlaceInTheStateDigest(TxType type) {
    SwarmLog log = new SwarmLog();
    Sample sample = prepare(type, log);
    TxRegistry.Entry<?> entry = TxRegistry.entry(type);
    assertThat(entry.type()).isEqualTo(type);
    assertThat(entry.bodyType()).isInstanceOf(Class.class);
    assertThat(sample.body().type()).isEqualTo(type);
    assertThat(entry.bodyType().isInstance(sample.body())).isTrue();

    Tx signed = TxCodec.sign(sample.signer(), 0, sample.body());
    assertThat(TxCodec.decode(signed.canonical()).body()).isEqualTo(sample.body());

    LedgerState state = type == TxType.GENESIS ? new LedgerState() : log.state;
    ObjectNode before = essence(state);
    if (type == TxType.GENESIS) {
      SwarmLog fresh = new SwarmLog();
      assertThat(essence(fresh.state)).isNotEqualTo(before);
    } else {
      log.apply(sample.signer(), sample.body());
      assertThat(essence(log.state)).as("digest after %s", type.wireName()).isNotEqualTo(before);
    }
  }

  private record Sample(SigningKey signer, TxBody body) {}

  /** Brings {@code log} to a state where a body of {@code type} is valid, and returns one. */
  private static Sample prepare(TxType type, SwarmLog log) {
    return switch (type) {
      case GENESIS ->
          new Sample(
              log.operator,
              new Genesis(
                  log.operator.publicKey(), "test/log", Policy.defaults(), DefaultTracks.all()));
      case ACCOUNT_REGISTER -> new Sample(SwarmLog.key(1), new AccountRegister("alice"));
      case VERIFIER_GRANT -> {
        SigningKey v = log.register(3, "vera");
        yield new Sample(log.operator, new VerifierGrant(v.publicKey(), SwarmLog.CPU));
      }
      case VERIFIER_REVOKE -> {
        SigningKey v = log.verifier(3, "vera", SwarmLog.CPU);
        yield new Sample(log.operator, new VerifierRevoke(v.publicKey()));
      }
      case TRACK_CREATE ->
          new Sample(
              log.operator,
              new TrackCreate(
                  new TrackSpec(
                      "tiny",
                      "gpt-bytes",
                      new DataSetRef("https://example.org/t", Hash.sha256(new byte[] {1}), 10),
                      10,
                      0.01,
                      0.02,
                      1,
                      2)));
      case CLAIM_CREATE ->
          new Sample(
              log.register(1, "alice"), SwarmLog.claim("a wider model", SwarmLog.source("wide")));
      case CLAIM_RELEASE -> {
        SigningKey alice = log.register(1, "alice");
        long claim = log.next();
        log.apply(alice, SwarmLog.claim("a wider model", SwarmLog.source("wide")));
        yield new Sample(alice, new ClaimRelease(claim));
      }
      case HYPOTHESIS_CREATE ->
          new Sample(
              log.register(1, "alice"),
              new HypothesisCreate(SwarmLog.TRACK, "depth", "deeper is better", "", List.of(), 1));
      case RESULT_SUBMIT ->
          new Sample(
              log.register(1, "alice"),
              SwarmLog.result(SwarmLog.source("r"), SwarmLog.run(3.0, FLOPS, "p", SwarmLog.CPU)));
      case ATTESTATION_SUBMIT -> {
        SigningKey alice = log.register(1, "alice");
        SigningKey vera = log.verifier(3, "vera", SwarmLog.CPU);
        log.verifier(4, "vic", SwarmLog.CPU);
        RunSummary run = SwarmLog.run(3.0, FLOPS, "p", SwarmLog.CPU);
        long id = log.next();
        log.apply(alice, SwarmLog.result(SwarmLog.source("r"), run));
        yield new Sample(vera, SwarmLog.exact(id, run));
      }
      case WORK_RETURN -> {
        SigningKey alice = log.register(1, "alice");
        SigningKey vera = log.verifier(3, "vera", SwarmLog.CPU);
        SigningKey vic = log.verifier(4, "vic", SwarmLog.CPU);
        long id = log.next();
        log.apply(
            alice,
            SwarmLog.result(SwarmLog.source("r"), SwarmLog.run(3.0, FLOPS, "p", SwarmLog.CPU)));
        SigningKey first = log.result(id).assigned().get(0).equals(vera.publicKey()) ? vera : vic;
        yield new Sample(first, new WorkReturn(id));
      }
      case CREDIT_TRANSFER -> {
        SigningKey alice = log.register(1, "alice");
        SigningKey bob = log.register(2, "bob");
        SigningKey vera = log.verifier(3, "vera", SwarmLog.CPU);
        SigningKey vic = log.verifier(4, "vic", SwarmLog.CPU);
        RunSummary run = SwarmLog.run(3.0, FLOPS, "p", SwarmLog.CPU);
        long id = log.next();
        log.apply(alice, SwarmLog.result(SwarmLog.source("r"), run));
        log.apply(vera, SwarmLog.exact(id, run));
        log.apply(vic, SwarmLog.exact(id, run));
        assertThat(log.account(alice).balance()).isPositive();
        yield new Sample(alice, new CreditTransfer(bob.publicKey(), 1, Optional.empty()));
      }
      case WORKER_GRANT -> {
        SigningKey w = log.register(5, "walt");
        yield new Sample(log.operator, new WorkerGrant(w.publicKey(), SwarmLog.CPU));
      }
      case WORKER_REVOKE -> {
        SigningKey w = log.worker(5, "walt", SwarmLog.CPU);
        yield new Sample(log.operator, new WorkerRevoke(w.publicKey()));
      }
      case JOB_CREATE -> {
        SigningKey alice = log.register(1, "alice");
        long model =
            log.publishedModel(
                alice,
                log.verifier(3, "vera", SwarmLog.CPU),
                log.verifier(4, "vic", SwarmLog.CPU),
                "m");
        yield new Sample(alice, SwarmLog.inferJob(model, "ROMEO:", 64, 1_000_000, 500_000));
      }
      case JOB_LEASE, JOB_COMPLETE, JOB_ATTEST, JOB_CANCEL -> jobSample(type, log);
      case ANCHOR_RECORD ->
          new Sample(
              log.operator,
              new AnchorRecord(
                  31337,
                  "0x" + "12".repeat(20),
                  "0x" + "34".repeat(32),
                  7,
                  1,
                  Hash.sha256(new byte[] {1})));
    };
  }

  /** A published model, an inference job on it, and what {@code type} does next to that job. */
  private static Sample jobSample(TxType type, SwarmLog log) {
    SigningKey alice = log.register(1, "alice");
    SigningKey vera = log.verifier(3, "vera", SwarmLog.CPU);
    SigningKey vic = log.verifier(4, "vic", SwarmLog.CPU);
    SigningKey walt = log.worker(5, "walt", SwarmLog.CPU);
    long model = log.publishedModel(alice, vera, vic, "m");
    long job = log.next();
    log.apply(alice, SwarmLog.inferJob(model, "ROMEO:", 64, 1_000_000, 500_000));
    if (type == TxType.JOB_CANCEL) {
      return new Sample(alice, new JobCancel(job));
    }
    if (type == TxType.JOB_LEASE) {
      return new Sample(walt, new JobLease(job));
    }
    log.apply(walt, new JobLease(job));
    if (type == TxType.JOB_COMPLETE) {
      return new Sample(walt, SwarmLog.inferred(job, "out", 4_000_000_000L));
    }
    log.apply(walt, SwarmLog.inferred(job, "out", 4_000_000_000L));
    SigningKey checker =
        log.job(job).check().orElseThrow().account().equals(vera.publicKey()) ? vera : vic;
    return new Sample(checker, SwarmLog.jobVerdict(job, JobVerdict.EXACT, "out", 4_000_000_000L));
  }

  /** The digest without what every accepted transaction changes. */
  private static ObjectNode essence(LedgerState state) {
    ObjectNode d = StateDigest.describe(state);
    d.remove("size");
    d.remove("last_time");
    ArrayNode accounts = (ArrayNode) d.get("accounts");
    accounts.forEach(a -> ((ObjectNode) a).remove("next_nonce"));
    return d;
  }
}
