package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes the log that {@link ReplayCompatibilityTest} replays: every transaction type, verified,
 * rejected and pending results, a best confirmed exactly and an ordinary result confirmed across
 * classes, a lease handed back and one that expired, an unsampled result whose pending credits are
 * released and one clawed back by a challenge, a revoked verifier, transfers, an anchor, and a
 * GPU-sized result on enwik8 whose FLOP counts are beyond 2^53. Run it (from the protocol module)
 * only when the log format or the state root changes on purpose: {@code java -cp
 * target/test-classes:target/classes:... dev.swarmledger.protocol.state.ReplayFixture
 * src/test/resources/replay/fixture.log}.
 */
final class ReplayFixture {
  private static final long FLOPS = 2_000_000_000_000L;
  private static final long GPU_FLOPS = 12_000_000_000_000_000L;

  private ReplayFixture() {}

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), render(build()), StandardCharsets.UTF_8);
  }

  static SwarmLog build() {
    // Trust after two results and sample a quarter, so both paths of sampling appear.
    Policy p = Policy.defaults();
    SwarmLog log =
        new SwarmLog(
            new Policy(
                p.claimTtlSeconds(),
                p.maxSourceBytes(),
                p.newBestBonusMicro(),
                p.initialReputation(),
                p.mismatchPenalty(),
                2,
                25,
                p.claimSimilarityPermille(),
                p.leaseSeconds(),
                p.challengeWindowSeconds(),
                p.agreementReward(),
                p.maxReputation(),
                p.silencePenalty()));
    SigningKey alice = log.register(1, "alice");
    SigningKey bob = log.register(2, "bob");
    SigningKey vera = log.verifier(3, "vera", SwarmLog.CPU);
    SigningKey vic = log.verifier(4, "vic", SwarmLog.CPU);
    SigningKey val = log.verifier(5, "val", "cpu-other");
    Map<PublicKey, SigningKey> keys =
        Map.of(vera.publicKey(), vera, vic.publicKey(), vic, val.publicKey(), val);
    log.apply(
        log.operator,
        new TrackCreate(
            new TrackSpec(
                "tiny",
                "gpt-bytes",
                new DataSetRef("https://example.org/t.txt", Hash.sha256(new byte[] {1}), 100),
                1L << 40,
                0.005,
                0.03,
                1,
                2)));
    // A claimed best, confirmed exactly by two verifiers of its class.
    String s1 = SwarmLog.source("one");
    long c1 = log.next();
    log.apply(alice, SwarmLog.claim("try a wider model with more heads", s1));
    RunSummary r1 = SwarmLog.run(3.2, FLOPS, "p1", SwarmLog.CPU);
    long res1 = log.next();
    log.apply(
        alice,
        new ResultSubmit(
            SwarmLog.TRACK,
            OptionalLong.of(c1),
            OptionalLong.empty(),
            7,
            1000,
            s1,
            SwarmLog.sha(s1),
            r1));
    for (PublicKey v : log.result(res1).assigned()) {
      log.apply(keys.get(v), SwarmLog.exact(res1, r1));
    }
    log.apply(
        bob,
        new HypothesisCreate(
            SwarmLog.TRACK, "rotary", "use rotary embeddings", "swap", List.of(res1), 3));
    long c2 = log.next();
    log.apply(bob, SwarmLog.claim("cosine decay for the learning rate", SwarmLog.source("two")));
    log.apply(bob, new ClaimRelease(c2));
    // A claimed best that does not reproduce: a mismatch and a failed re-run reject it.
    String s3 = SwarmLog.source("three");
    RunSummary r3 = SwarmLog.run(3.15, FLOPS, "p3", SwarmLog.CPU);
    long res3 = log.next();
    log.apply(bob, SwarmLog.result(s3, r3));
    List<PublicKey> assigned = log.result(res3).assigned();
    log.apply(
        keys.get(assigned.get(0)),
        SwarmLog.attest(
            res3, Verdict.MISMATCH, 3.5, FLOPS, Hash.sha256(new byte[] {9}), SwarmLog.CPU));
    log.apply(
        keys.get(assigned.get(1)),
        new AttestationSubmit(
            res3,
            Verdict.FAILED,
            0,
            0,
            Hash.sha256(new byte[] {8}),
            List.of(),
            1.0,
            SwarmLog.CPU,
            Optional.of("out of memory")));
    log.advance(Duration.ofSeconds(5));
    log.apply(alice, new CreditTransfer(bob.publicKey(), 1000, Optional.of("thanks")));
    // An ordinary result on another class, confirmed within tolerance; its assigned verifier first
    // hands it back.
    String s4 = SwarmLog.source("four");
    RunSummary r4 = SwarmLog.run(3.25, FLOPS / 2, "p4", "cpu-other");
    long res4 = log.next();
    log.apply(alice, SwarmLog.result(s4, r4));
    PublicKey first = log.result(res4).assigned().get(0);
    log.apply(keys.get(first), new WorkReturn(res4));
    PublicKey second = log.result(res4).assigned().get(0);
    SigningKey k = keys.get(second);
    boolean sameClass = k == val;
    log.apply(
        k,
        SwarmLog.attest(
            res4,
            sameClass ? Verdict.EXACT : Verdict.WITHIN_TOLERANCE,
            sameClass ? 3.25 : 3.252,
            FLOPS / 2,
            sameClass ? r4.finalParamHash() : Hash.sha256(new byte[] {7}),
            sameClass ? "cpu-other" : SwarmLog.CPU));
    // A result whose only verifier stays silent: the lease expires and another takes it.
    String s5 = SwarmLog.source("five");
    RunSummary r5 = SwarmLog.run(3.3, FLOPS, "p5", SwarmLog.CPU);
    long res5 = log.next();
    log.apply(bob, SwarmLog.result(s5, r5));
    log.advance(Duration.ofSeconds(log.state.policy().leaseSeconds() + 1));
    log.apply(alice, transfer(alice, bob));
    PublicKey taker = log.result(res5).assigned().get(0);
    log.apply(keys.get(taker), SwarmLog.exact(res5, r5));
    log.apply(log.operator, new VerifierRevoke(vic.publicKey()));
    // The operator anchors the log as it stands, with its true Merkle root.
    MemoryTreeNodes tree = new MemoryTreeNodes();
    log.leaves.forEach(l -> tree.append(MerkleHash.leaf(LeafCodec.encode(l))));
    log.apply(
        log.operator,
        new AnchorRecord(
            31337, "0x" + "5f".repeat(20), "0x" + "a1".repeat(32), 12, tree.size(), tree.root()));
    // alice is trusted now: her ordinary results are sampled at a quarter.
    long unsampledHonest = -1;
    long unsampledFalse = -1;
    for (int i = 0; unsampledHonest < 0 || unsampledFalse < 0; i++) {
      String src = SwarmLog.source("trusted " + i);
      RunSummary run = SwarmLog.run(3.4, FLOPS / 4, "t" + i, SwarmLog.CPU);
      long id = log.next();
      log.apply(alice, SwarmLog.result(src, run));
      if (log.result(id).sampled()) {
        PublicKey v = log.result(id).assigned().get(0);
        log.apply(keys.get(v), SwarmLog.exact(id, run));
      } else if (unsampledHonest < 0) {
        unsampledHonest = id;
      } else {
        unsampledFalse = id;
        // A challenge by a verifier of the class finds a different run: the result reopens, and
        // the verifier assigned to it confirms the mismatch: the credits burn.
        log.apply(
            vera,
            SwarmLog.attest(
                id, Verdict.MISMATCH, 3.6, FLOPS / 4, Hash.sha256(new byte[] {6}), SwarmLog.CPU));
        PublicKey confirmer = log.result(id).assigned().get(0);
        log.apply(
            keys.get(confirmer),
            SwarmLog.attest(
                id,
                Verdict.MISMATCH,
                3.6,
                FLOPS / 4,
                Hash.sha256(new byte[] {5}),
                log.state.account(confirmer).orElseThrow().verifierClass().orElseThrow()));
      }
    }
    // A pending result waiting for a verifier, then the window of the honest one closes.
    log.apply(
        bob, SwarmLog.result(SwarmLog.source("six"), SwarmLog.run(3.3, FLOPS, "p6", SwarmLog.CPU)));
    log.advance(Duration.ofSeconds(log.state.policy().challengeWindowSeconds() + 1));
    log.apply(bob, transfer(bob, alice));
    // A GPU-sized run on enwik8: its FLOP counts are beyond 2^53, so they travel as digits. A
    // track's first result needs two verifiers; one attests, the result waits for the second.
    RunSummary gpu = SwarmLog.run(1.1, GPU_FLOPS, "g1", SwarmLog.CPU);
    long big = log.next();
    log.apply(alice, SwarmLog.result(DefaultTracks.ENWIK8.id(), SwarmLog.source("gpu"), gpu));
    PublicKey gpuVerifier = log.result(big).assigned().get(0);
    String cls = log.state.account(gpuVerifier).orElseThrow().verifierClass().orElseThrow();
    boolean same = cls.equals(SwarmLog.CPU);
    log.apply(
        keys.get(gpuVerifier),
        SwarmLog.attest(
            big,
            same ? Verdict.EXACT : Verdict.WITHIN_TOLERANCE,
            same ? 1.1 : 1.101,
            GPU_FLOPS,
            same ? gpu.finalParamHash() : Hash.sha256(new byte[] {4}),
            cls));
    jobs(log, alice, bob, vera, val);
    return log;
  }

  /**
   * The jobs market: a published model, an inference job re-run exactly and settled, one whose
   * first worker goes silent and whose second is caught by a mismatch before the spender cancels
   * it, a training job settled after its re-run, a revoked worker and a job left open.
   */
  private static void jobs(
      SwarmLog log, SigningKey alice, SigningKey bob, SigningKey vera, SigningKey val) {
    SigningKey vida = log.verifier(6, "vida", SwarmLog.CPU);
    SigningKey walt = log.worker(7, "walt", SwarmLog.CPU);
    SigningKey wes = log.worker(8, "wes", SwarmLog.CPU);
    Map<PublicKey, SigningKey> keys =
        Map.of(vera.publicKey(), vera, vida.publicKey(), vida, val.publicKey(), val);
    RunSummary m =
        SwarmLog.run(2.9, FLOPS, "model", SwarmLog.CPU).withWeights(SwarmLog.weights("m"));
    long model = log.next();
    log.apply(alice, SwarmLog.result(SwarmLog.source("model"), m));
    for (PublicKey v : log.result(model).assigned()) {
      log.apply(keys.get(v), SwarmLog.exactKeeping(model, m));
    }
    log.apply(alice, new CreditTransfer(bob.publicKey(), 1_000_000, Optional.of("for jobs")));
    long j1 = log.next();
    log.apply(bob, SwarmLog.inferJob(model, "ROMEO:", 64, 2_000_000, 300_000));
    log.apply(walt, new JobLease(j1));
    log.apply(walt, SwarmLog.inferred(j1, "romeo says", 40_000_000_000L));
    log.apply(
        keys.get(log.job(j1).check().orElseThrow().account()),
        SwarmLog.jobVerdict(j1, JobVerdict.EXACT, "romeo says", 40_000_000_000L));
    long j2 = log.next();
    log.apply(bob, SwarmLog.inferJob(model, "JULIET:", 32, 2_000_000, 200_000));
    log.apply(wes, new JobLease(j2));
    log.advance(Duration.ofSeconds(log.state.policy().leaseSeconds() + 1));
    log.apply(walt, new JobLease(j2));
    log.apply(walt, SwarmLog.inferred(j2, "made up", 20_000_000_000L));
    log.apply(
        keys.get(log.job(j2).check().orElseThrow().account()),
        SwarmLog.jobVerdict(j2, JobVerdict.MISMATCH, "juliet says", 20_000_000_000L));
    log.apply(bob, new JobCancel(j2));
    String src = SwarmLog.source("train job");
    long j3 = log.next();
    log.apply(alice, SwarmLog.trainJob(src, FLOPS, 1_000_000, 3_000_000));
    log.apply(wes, new JobLease(j3));
    RunSummary trained =
        SwarmLog.run(3.1, FLOPS, "trained", SwarmLog.CPU).withWeights(SwarmLog.weights("t"));
    log.apply(wes, new JobComplete(j3, SwarmLog.CPU, new JobOutput.Trained(trained)));
    log.apply(
        keys.get(log.job(j3).check().orElseThrow().account()),
        new JobAttest(
            j3,
            JobVerdict.EXACT,
            SwarmLog.CPU,
            Optional.of(new JobOutput.Trained(trained)),
            Optional.empty()));
    log.apply(log.operator, new WorkerRevoke(wes.publicKey()));
    log.apply(bob, SwarmLog.inferJob(model, "HAMLET:", 16, 2_000_000, 100_000));
  }

  private static CreditTransfer transfer(SigningKey from, SigningKey to) {
    return new CreditTransfer(to.publicKey(), 10, Optional.empty());
  }

  static String render(SwarmLog log) {
    StringBuilder out = new StringBuilder();
    LedgerState s = new LedgerState();
    for (Leaf l : log.leaves) {
      StateMachine.apply(s, l);
      out.append(Base64.getEncoder().encodeToString(LeafCodec.encode(l)))
          .append(' ')
          .append(StateDigest.root(s).hex())
          .append('\n');
    }
    return out.toString();
  }
}
