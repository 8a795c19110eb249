package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.JobPolicy;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobKind;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobSettlement;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.TxBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random jobs markets: creates, leases, completions (honest, made up, over budget, on another
 * class, by someone else), attestations (honest, contradicted by their own outputs, by the wrong
 * account), cancels, revocations and time passing, by random actors among spenders, workers,
 * verifiers, an account with no role and the operator. After every leaf: credits are conserved
 * (supply = minted − burned = Σ balance + escrowed + pending), nothing is negative, each spender's
 * escrow is the maximum of its jobs that have not ended, an ended job's payout adds up to its
 * maximum and never changes again (paid once), a refused transaction changes nothing; replaying the
 * accepted leaves gives the same state root and events.
 */
class JobMarketPropertiesTest {
  private static final long PRICE = 2_000_000;
  private static final long TRAIN_BUDGET = 1_000_000_000_000L; // 2,000 micro-credits at PRICE
  private static final long INFER_FLOPS = 40_000_000_000L; // 80 micro-credits at PRICE
  private static final long[] MAX = {1, 50, 85, 1_000, 2_199, 2_200, 5_000};
  // Trusted after one agreed job, then half re-run; two attempts: every path is reachable.
  private static final Policy POLICY =
      new Policy(900, 256 * 1024, 5_000_000, 100, 10, 1, 25, 800, 1800, 86_400, 1, 200, 5)
          .withJobs(new JobPolicy(50, 10, 2));

  record Op(int kind, int a, int b, int c) {}

  @Provide
  Arbitrary<List<Op>> markets() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 999);
    Arbitrary<Integer> kind =
        Arbitraries.frequency(
            List.of(
                Tuple.of(5, 0), // create inference
                Tuple.of(2, 1), // create training
                Tuple.of(6, 2), // lease
                Tuple.of(6, 3), // complete
                Tuple.of(6, 4), // attest
                Tuple.of(2, 5), // cancel
                Tuple.of(3, 6), // time passes
                Tuple.of(1, 7), // worker grant / revoke
                Tuple.of(1, 8), // transfer
                Tuple.of(20, 9))); // the next honest step of some job
    return Combinators.combine(kind, n, n, n).as(Op::new).list().ofMinSize(30).ofMaxSize(80);
  }

  @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
  void creditsAreConservedAndNoJobIsPaidTwice(@ForAll("markets") List<Op> ops) {
    Market m = new Market();
    long start = m.log.next();
    m.check();
    for (Op op : ops) {
      m.step(op);
      m.check();
    }
    LedgerState replayed = new LedgerState();
    List<StateEvent> events = new ArrayList<>();
    for (Leaf l : m.log.leaves) {
      events.addAll(StateMachine.apply(replayed, l));
    }
    assertThat(StateDigest.root(replayed)).isEqualTo(StateDigest.root(m.log.state));
    assertThat(events.stream().filter(e -> e.index() >= start).toList()).isEqualTo(m.events);
    for (Job j : m.log.state.jobs().values()) {
      j.completion()
          .ifPresent(
              c ->
                  assertThat(replayed.blobUploaders(c.output().blob()))
                      .isEqualTo(m.log.state.blobUploaders(c.output().blob())));
    }
    for (Job.Status st : Job.Status.values()) {
      Statistics.label(st.wireName())
          .collect(m.log.state.jobs().values().stream().anyMatch(j -> j.status() == st));
    }
    Statistics.label("unsampled settlement")
        .collect(
            m.log.state.jobs().values().stream()
                .anyMatch(
                    j ->
                        j.status() == Job.Status.SETTLED
                            && j.settlement().orElseThrow().verifier().isEmpty()));
  }

  private static Hash h(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The market under test and what the random steps need. */
  private static final class Market {
    final SwarmLog log = new SwarmLog(POLICY);
    final List<StateEvent> events = new ArrayList<>();
    final Map<PublicKey, SigningKey> keys = new HashMap<>();
    final List<SigningKey> everyone = new ArrayList<>();
    final Map<Long, Job> ended = new HashMap<>();
    private Hash root;
    final SigningKey alice;
    final SigningKey bob;
    final List<SigningKey> workers;
    final List<SigningKey> verifiers;
    final long model;

    Market() {
      alice = log.register(1, "alice");
      bob = log.register(2, "bob");
      SigningKey v1 = log.verifier(11, "v1", CPU);
      SigningKey v2 = log.verifier(12, "v2", CPU);
      model = log.publishedModel(alice, v1, v2, "m");
      SigningKey v3 = log.verifier(13, "v3", CPU);
      SigningKey w1 = log.worker(21, "w1", CPU);
      SigningKey w2 = log.worker(22, "w2", CPU);
      SigningKey w3 = log.worker(23, "w3", CPU);
      SigningKey gpu = log.worker(24, "gpu", "cuda-h100");
      SigningKey mallory = log.register(25, "mallory");
      SigningKey v4 = log.verifier(14, "v4", "cuda-h100");
      // Hostile double roles: a worker that verifies, a spender that works.
      log.apply(log.operator, new VerifierGrant(w1.publicKey(), CPU));
      log.apply(log.operator, new WorkerGrant(bob.publicKey(), CPU));
      log.apply(alice, new CreditTransfer(bob.publicKey(), 20_000, Optional.empty()));
      log.apply(alice, new CreditTransfer(w2.publicKey(), 3_000, Optional.empty()));
      workers = List.of(w1, w2, w3, gpu, bob);
      verifiers = List.of(v1, v2, v3, v4, w1);
      everyone.addAll(List.of(alice, bob, v1, v2, v3, v4, w1, w2, w3, gpu, mallory, log.operator));
      everyone.forEach(k -> keys.put(k.publicKey(), k));
    }

    SigningKey anyone(int n) {
      return everyone.get(n % everyone.size());
    }

    /** Applies {@code body}; a refusal must leave the state root as it was. */
    boolean submit(SigningKey k, TxBody body) {
      if (root == null) {
        root = StateDigest.root(log.state);
      }
      Hash before = root;
      long size = log.state.size();
      try {
        events.addAll(log.apply(k, body));
        root = null;
        return true;
      } catch (Rejection r) {
        assertThat(StateDigest.root(log.state))
            .as("state after refused %s (%s)", body.type(), r.code())
            .isEqualTo(before);
        assertThat(log.state.size()).isEqualTo(size);
        return false;
      }
    }

    Optional<Job> pick(int n, Job.Status preferred) {
      List<Job> all = new ArrayList<>(log.state.jobs().values());
      if (all.isEmpty()) {
        return Optional.empty();
      }
      List<Job> some = all.stream().filter(j -> j.status() == preferred).toList();
      List<Job> from = some.isEmpty() || n % 5 == 0 ? all : some;
      return Optional.of(from.get(n % from.size()));
    }

    JobOutput honest(Job j) {
      return j.kind() == JobKind.INFER
          ? new JobOutput.Inferred(h("honest " + j.id()), INFER_FLOPS, 0.5)
          : new JobOutput.Trained(
              SwarmLog.run(3.0, TRAIN_BUDGET, "train " + j.id(), CPU)
                  .withWeights(SwarmLog.weights("train " + j.id())));
    }

    JobOutput madeUp(Job j, int n) {
      if (j.kind() == JobKind.INFER) {
        return new JobOutput.Inferred(
            h("lie " + j.id() + "/" + n), INFER_FLOPS * (1 + n % 50), 0.1);
      }
      RunSummary r =
          SwarmLog.run(2.0 + n % 3, TRAIN_BUDGET + (n % 4 == 0 ? 1 : -n), "lie " + n, CPU)
              .withWeights(SwarmLog.weights("lie " + n));
      return new JobOutput.Trained(r);
    }

    void step(Op op) {
      int a = op.a();
      int b = op.b();
      int c = op.c();
      switch (op.kind()) {
        case 0 -> {
          SigningKey spender = b % 4 == 0 ? anyone(a) : (a % 2 == 0 ? alice : bob);
          long balance = log.state.account(spender.publicKey()).map(Account::balance).orElse(0L);
          long max = c % 7 == 0 ? balance + 1 : MAX[c % MAX.length];
          submit(spender, SwarmLog.inferJob(model, "prompt " + b, 8, PRICE, max));
        }
        case 1 -> {
          SigningKey spender = a % 2 == 0 ? alice : bob;
          submit(
              spender,
              SwarmLog.trainJob(SwarmLog.source("job " + b), TRAIN_BUDGET, PRICE, MAX[3 + c % 4]));
        }
        case 2 -> {
          SigningKey who = b % 6 == 0 ? anyone(b) : workers.get(b % workers.size());
          pick(a, Job.Status.OPEN).ifPresent(j -> submit(who, new JobLease(j.id())));
        }
        case 3 ->
            pick(a, Job.Status.RUNNING)
                .ifPresent(
                    j -> {
                      SigningKey holder =
                          j.lease().map(l -> keys.get(l.account())).orElse(anyone(b));
                      SigningKey who = b % 7 == 0 ? anyone(b) : holder;
                      String cls =
                          log.state
                              .account(who.publicKey())
                              .flatMap(Account::workerClass)
                              .orElse(CPU);
                      if (c % 11 == 0) {
                        cls = "cuda-h100".equals(cls) ? CPU : "cuda-h100";
                      }
                      JobOutput out = c % 3 == 0 ? madeUp(j, c) : honest(j);
                      if (c % 13 == 0) { // the other kind's output
                        out =
                            j.kind() == JobKind.INFER
                                ? new JobOutput.Trained(
                                    SwarmLog.run(3.0, 1, "x", cls)
                                        .withWeights(SwarmLog.weights("x")))
                                : new JobOutput.Inferred(h("x"), INFER_FLOPS, 1);
                      } else if (out instanceof JobOutput.Trained t
                          && !t.run().hardwareClass().equals(cls)) {
                        RunSummary r = t.run();
                        out =
                            new JobOutput.Trained(
                                SwarmLog.run(r.valBpb(), r.flops(), "p " + c, cls)
                                    .withWeights(r.weightsSha256().orElseThrow()));
                      }
                      submit(who, new JobComplete(j.id(), cls, out));
                    });
        case 4 ->
            pick(a, Job.Status.VERIFYING)
                .ifPresent(
                    j -> {
                      SigningKey checker =
                          j.check().map(h -> keys.get(h.account())).orElse(anyone(b));
                      SigningKey who = b % 7 == 0 ? anyone(b) : checker;
                      JobOutput measured = honest(j);
                      Optional<JobOutput> reported = j.completion().map(Job.Completion::output);
                      JobVerdict truth =
                          reported.isPresent() && reported.get().sameAs(measured)
                              ? JobVerdict.EXACT
                              : JobVerdict.MISMATCH;
                      JobVerdict said =
                          switch (c % 8) {
                            case 0 -> JobVerdict.EXACT; // a verdict the outputs may contradict
                            case 1 -> JobVerdict.MISMATCH;
                            case 2 -> JobVerdict.FAILED;
                            default -> truth;
                          };
                      if (c % 10 == 9 && reported.isPresent()) {
                        measured = reported.get(); // lazy: copies the worker's output
                        said = JobVerdict.EXACT;
                      }
                      submit(
                          who,
                          new JobAttest(
                              j.id(),
                              said,
                              c % 17 == 0 ? "cuda-h100" : CPU,
                              said == JobVerdict.FAILED ? Optional.empty() : Optional.of(measured),
                              said == JobVerdict.FAILED && c % 3 != 0
                                  ? Optional.of("crashed")
                                  : Optional.empty()));
                    });
        case 5 ->
            pick(a, Job.Status.OPEN)
                .ifPresent(
                    j ->
                        submit(
                            b % 5 == 0 ? anyone(b) : keys.get(j.spender()), new JobCancel(j.id())));
        case 6 ->
            log.advance(
                a % 3 == 0
                    ? Duration.ofSeconds(POLICY.leaseSeconds() + b % 100)
                    : Duration.ofSeconds(60L * (b % 20)));
        case 7 -> {
          SigningKey target = workers.get(b % workers.size());
          SigningKey by = c % 4 == 0 ? anyone(c) : log.operator;
          boolean isWorker =
              log.state.account(target.publicKey()).map(Account::isWorker).orElse(false);
          submit(
              by,
              isWorker && a % 2 == 0
                  ? new WorkerRevoke(target.publicKey())
                  : new WorkerGrant(target.publicKey(), a % 5 == 0 ? "cuda-h100" : CPU));
        }
        case 8 -> {
          SigningKey from = anyone(a);
          long balance = log.state.account(from.publicKey()).map(Account::balance).orElse(0L);
          long amount = c % 4 == 0 ? balance + 1 : Math.max(1, balance * (c % 100) / 100);
          submit(from, new CreditTransfer(anyone(b).publicKey(), amount, Optional.empty()));
        }
        case 9 -> honestStep(a, b);
        default -> throw new IllegalStateException("kind " + op.kind());
      }
    }

    /** Moves a job on as honest parties would: lease, complete, re-run and attest. */
    void honestStep(int a, int b) {
      List<Job> live =
          log.state.jobs().values().stream()
              .filter(j -> !j.status().ended())
              .filter(j -> j.status() != Job.Status.VERIFYING || j.check().isPresent())
              .toList();
      if (live.isEmpty()) {
        return;
      }
      Job j = live.get(a % live.size());
      switch (j.status()) {
        case OPEN -> {
          List<SigningKey> able =
              workers.stream()
                  .filter(w -> !w.publicKey().equals(j.spender()) && !j.excludes(w.publicKey()))
                  .filter(w -> log.state.account(w.publicKey()).orElseThrow().isWorker())
                  .toList();
          if (!able.isEmpty()) {
            submit(able.get(b % able.size()), new JobLease(j.id()));
          }
        }
        case RUNNING -> {
          SigningKey w = keys.get(j.lease().orElseThrow().account());
          String cls = log.state.account(w.publicKey()).flatMap(Account::workerClass).orElse(CPU);
          if (b % 5 == 0) { // the worker dies: its lease runs out
            log.advance(Duration.ofSeconds(POLICY.leaseSeconds()));
            return;
          }
          // w3, the GPU worker and bob make their outputs up.
          boolean liar = workers.indexOf(w) >= 2;
          JobOutput out = liar ? madeUp(j, b) : honest(j);
          if (out instanceof JobOutput.Trained t && !t.run().hardwareClass().equals(cls)) {
            RunSummary r = t.run();
            out =
                new JobOutput.Trained(
                    SwarmLog.run(r.valBpb(), r.flops(), liar ? "lie" : "train " + j.id(), cls)
                        .withWeights(r.weightsSha256().orElseThrow()));
          }
          submit(w, new JobComplete(j.id(), cls, out));
        }
        case VERIFYING -> {
          JobOutput reported = j.completion().orElseThrow().output();
          SigningKey checker = keys.get(j.check().orElseThrow().account());
          String cls =
              log.state.account(checker.publicKey()).flatMap(Account::verifierClass).orElse(CPU);
          JobOutput measured = honest(j);
          if (reported instanceof JobOutput.Trained) {
            measured =
                new JobOutput.Trained(
                    SwarmLog.run(3.0, TRAIN_BUDGET, "train " + j.id(), cls)
                        .withWeights(SwarmLog.weights("train " + j.id())));
          }
          submit(
              checker,
              new JobAttest(
                  j.id(),
                  reported.sameAs(measured) ? JobVerdict.EXACT : JobVerdict.MISMATCH,
                  cls,
                  Optional.of(measured),
                  Optional.empty()));
        }
        default -> {}
      }
    }

    void check() {
      LedgerState st = log.state;
      long sum = 0;
      Map<PublicKey, Long> open = new HashMap<>();
      for (Job j : st.jobs().values()) {
        if (!j.status().ended()) {
          open.merge(j.spender(), j.maxMicro(), Long::sum);
        }
      }
      for (Account acct : st.accounts()) {
        assertThat(acct.balance()).isNotNegative();
        assertThat(acct.escrowed()).isNotNegative();
        assertThat(acct.pending()).isNotNegative();
        assertThat(acct.reputation()).isNotNegative();
        assertThat(acct.escrowed())
            .as("escrow of %s", acct.name())
            .isEqualTo(open.getOrDefault(acct.id(), 0L));
        sum += acct.balance() + acct.escrowed() + acct.pending();
      }
      assertThat(st.supply()).isEqualTo(st.minted() - st.burned()).isEqualTo(sum);
      Map<Long, Integer> endings = new HashMap<>();
      for (StateEvent e : events) {
        String k = e.kind().wireName();
        if (k.equals("job.settled") || k.equals("job.cancelled") || k.equals("job.failed")) {
          endings.merge(((Number) e.fields().get("job")).longValue(), 1, Integer::sum);
        }
      }
      for (Job j : st.jobs().values()) {
        assertThat(endings.getOrDefault(j.id(), 0))
            .as("endings of job %s", j.id())
            .isEqualTo(j.status().ended() ? 1 : 0);
      }
      for (Job j : st.jobs().values()) {
        switch (j.status()) {
          case OPEN -> {
            assertThat(j.lease()).isEmpty();
            assertThat(j.completion()).isEmpty();
            assertThat(j.attempts()).isLessThan(POLICY.jobs().maxAttempts());
          }
          case RUNNING -> {
            PublicKey w = j.lease().orElseThrow().account();
            assertThat(w).isNotEqualTo(j.spender());
            assertThat(j.excludes(w)).isFalse();
          }
          case VERIFYING -> {
            Job.Completion c = j.completion().orElseThrow();
            assertThat(c.sampled()).isTrue();
            j.check()
                .ifPresent(
                    h -> {
                      assertThat(h.account()).isNotIn(j.spender(), c.worker());
                      assertThat(j.excludes(h.account())).isFalse();
                    });
          }
          case SETTLED, CANCELLED, FAILED -> {
            Job.Settlement s = j.settlement().orElseThrow();
            assertThat(s.paidMicro()).isNotNegative();
            assertThat(s.feeMicro()).isNotNegative();
            assertThat(s.refundMicro()).isNotNegative();
            assertThat(s.paidMicro() + s.feeMicro() + s.refundMicro()).isEqualTo(j.maxMicro());
            if (j.status() == Job.Status.SETTLED) {
              Job.Completion c = j.completion().orElseThrow();
              assertThat(s.worker()).contains(c.worker());
              assertThat(s.paidMicro())
                  .isEqualTo(
                      Math.min(
                          JobSettlement.cost(c.output().flops(), j.priceMicro()), j.maxMicro()));
              assertThat(s.verifier().isPresent()).isEqualTo(c.sampled());
              if (s.verifier().isEmpty()) {
                assertThat(s.feeMicro()).isZero();
              }
            } else {
              assertThat(s.paidMicro()).isZero();
              assertThat(s.feeMicro()).isZero();
            }
            Job before = ended.putIfAbsent(j.id(), j);
            if (before != null) {
              assertThat(j).as("ended job %s never changes", j.id()).isEqualTo(before);
            }
          }
        }
      }
      assertThat(st.activeJobs())
          .allMatch(j -> j.status() == Job.Status.RUNNING || j.status() == Job.Status.VERIFYING);
    }
  }
}
