package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.tx.TxBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small jobs market for the attack tests: a spender with credits (alice, whose result's model is
 * published), three CPU verifiers, three CPU workers and one GPU worker.
 */
final class JobScene {
  static final String GPU = "cuda-h100";

  /** The jobs' price: 2 credits (2,000,000 micro-credits) per 10^15 FLOPs. */
  static final long PRICE = 2_000_000;

  final SwarmLog log;
  final Policy policy;
  final SigningKey alice;
  final SigningKey bob;
  final SigningKey v1;
  final SigningKey v2;
  final SigningKey v3;
  final long model;
  final SigningKey w1;
  final SigningKey w2;
  final SigningKey w3;
  final SigningKey gpuWorker;
  final SigningKey nobody;
  private final Map<PublicKey, SigningKey> keys = new HashMap<>();
  private int fillers;

  JobScene() {
    this(Policy.defaults());
  }

  JobScene(Policy p) {
    log = new SwarmLog(p);
    policy = log.state.policy();
    alice = log.register(1, "alice");
    bob = log.register(2, "bob");
    v1 = log.verifier(11, "v1", CPU);
    v2 = log.verifier(12, "v2", CPU);
    model = log.publishedModel(alice, v1, v2, "m");
    v3 = log.verifier(13, "v3", CPU);
    w1 = log.worker(21, "w1", CPU);
    w2 = log.worker(22, "w2", CPU);
    w3 = log.worker(23, "w3", CPU);
    gpuWorker = log.worker(24, "gpu", GPU);
    nobody = log.register(25, "nobody");
    for (SigningKey k : new SigningKey[] {alice, bob, v1, v2, v3, w1, w2, w3, gpuWorker, nobody}) {
      keys.put(k.publicKey(), k);
    }
  }

  SigningKey key(PublicKey p) {
    return keys.get(p);
  }

  /** An inference job of alice's that escrows {@code max}. */
  long inferJob(long max) {
    long id = log.next();
    log.apply(alice, SwarmLog.inferJob(model, "ROMEO:", 64, PRICE, max));
    return id;
  }

  /** The verifier assigned to re-run {@code job}'s completion. */
  SigningKey checker(long job) {
    return key(log.job(job).check().orElseThrow().account());
  }

  /**
   * Leases and completes {@code job} as {@code worker}, reporting {@code tag} and {@code flops}.
   */
  void leaseAndComplete(SigningKey worker, long job, String tag, long flops) {
    log.apply(worker, new JobLease(job));
    log.apply(worker, SwarmLog.inferred(job, tag, flops));
  }

  /** The assigned verifier reproduces ({@code exact}) or not the completion of {@code job}. */
  void verdict(long job, boolean exact) {
    Job j = log.job(job);
    JobOutput.Inferred out = (JobOutput.Inferred) j.completion().orElseThrow().output();
    Hash measured =
        exact ? out.outputSha256() : Hash.sha256("honest".getBytes(StandardCharsets.UTF_8));
    log.apply(
        checker(job),
        new JobAttest(
            job,
            exact ? JobVerdict.EXACT : JobVerdict.MISMATCH,
            CPU,
            Optional.of(new JobOutput.Inferred(measured, out.flops(), 0.7)),
            Optional.empty()));
  }

  /** Moves log time past a lease's deadline. */
  void pastLease() {
    log.advance(Duration.ofSeconds(policy.leaseSeconds() + 1));
  }

  /** A leaf that touches no job: time passing shows only through the leaf after it. */
  List<StateEvent> anyLeaf() {
    fillers++;
    return log.apply(
        SwarmLog.key(60 + fillers),
        new dev.swarmledger.protocol.accounts.AccountRegister("filler" + fillers));
  }

  /** Asserts that {@code body} by {@code key} is refused with {@code code}, changing nothing. */
  void refused(SigningKey key, TxBody body, ErrorCode code) {
    assertThat(log.refuse(key, body).code()).isEqualTo(code);
  }

  long balance(SigningKey k) {
    return log.account(k).balance();
  }

  long escrowed(SigningKey k) {
    return log.account(k).escrowed();
  }

  long reputation(SigningKey k) {
    return log.account(k).reputation();
  }

  /** supply = minted − burned = Σ (balance + escrowed + pending). */
  void conserved() {
    long sum = 0;
    for (Account a : log.state.accounts()) {
      assertThat(a.balance()).isNotNegative();
      assertThat(a.escrowed()).isNotNegative();
      sum += a.balance() + a.escrowed() + a.pending();
    }
    assertThat(log.state.supply())
        .isEqualTo(log.state.minted() - log.state.burned())
        .isEqualTo(sum);
    for (Account a : log.state.accounts()) {
      long open =
          log.state.jobs().values().stream()
              .filter(j -> j.spender().equals(a.id()) && !j.status().ended())
              .mapToLong(Job::maxMicro)
              .sum();
      assertThat(a.escrowed()).as("escrow of %s", a.name()).isEqualTo(open);
    }
  }
}
