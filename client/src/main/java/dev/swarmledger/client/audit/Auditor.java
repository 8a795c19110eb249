package dev.swarmledger.client.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateDigest;
import dev.swarmledger.protocol.state.StateMachine;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The full audit: verifies the log (see {@link LogVerifier}), replays the state machine from leaf
 * 0, checks the anchors (see {@link AnchorAudit}), and compares every account and every track's
 * best with what the node serves. Any leaf the rules refuse, or any served value that differs from
 * the replay, fails the audit with the first difference — unless the node's signed checkpoint shows
 * it appended meanwhile (an honest busy node), in which case the audit runs again from that
 * checkpoint, a few times at most.
 */
public final class Auditor {
  /** What the audit established. */
  public record Report(
      Checkpoint checkpoint, String note, long accounts, long tracks, String stateRoot) {}

  /** Audits attempted while the node keeps appending before giving up. */
  private static final int ATTEMPTS = 3;

  private final LedgerClient client;
  private final NoteVerifierKey key;
  private final AnchorAudit anchors;

  /** An audit that checks anchor records against the log only (no chain). */
  public Auditor(LedgerClient client, NoteVerifierKey key) {
    this(client, key, new AnchorAudit(Optional.empty(), Optional.empty()));
  }

  public Auditor(LedgerClient client, NoteVerifierKey key, AnchorAudit anchors) {
    this.client = client;
    this.key = key;
    this.anchors = anchors;
  }

  public Report audit(List<Checkpoint> seenBefore, Consumer<String> progress)
      throws VerificationFailure {
    List<Checkpoint> seen = new ArrayList<>(seenBefore);
    for (int attempt = 1; ; attempt++) {
      LedgerState state = new LedgerState();
      LogVerifier.Report log = replay(state, seen, progress);
      anchors.check(state.anchors(), log.checkpoint(), log.tree(), client, progress);
      Optional<String> difference = firstDifference(state, progress);
      if (difference.isEmpty()) {
        return new Report(
            log.checkpoint(),
            log.note(),
            state.accounts().size(),
            state.tracks().size(),
            StateDigest.root(state).hex());
      }
      // The node serves its current state, which is the replayed one only if no leaf was added
      // meanwhile; its signed checkpoint says which (state and checkpoint change together).
      long audited = log.checkpoint().size();
      long now = currentCheckpoint().size();
      if (now == audited) {
        throw new VerificationFailure(difference.get());
      }
      if (attempt >= ATTEMPTS) {
        throw new VerificationFailure(
            difference.get()
                + " (the node kept moving: size "
                + audited
                + " became "
                + now
                + " during the comparison; audit again when it is quieter)");
      }
      progress.accept(
          "the node moved on from size " + audited + " to " + now + " meanwhile; auditing again");
      seen.add(log.checkpoint());
    }
  }

  private LogVerifier.Report replay(
      LedgerState state, List<Checkpoint> seen, Consumer<String> progress)
      throws VerificationFailure {
    LogVerifier.Report log =
        new LogVerifier(client, key)
            .verify(
                seen,
                leaf -> {
                  try {
                    StateMachine.apply(state, leaf);
                  } catch (Rejection e) {
                    throw new VerificationFailure(
                        "leaf "
                            + leaf.index()
                            + " breaks the rules ("
                            + e.code().code()
                            + "): "
                            + e.getMessage());
                  }
                },
                progress);
    // Pending credits (undrawn results in their challenge window) are minted and count too.
    if (state.supply()
        != state.accounts().stream()
            .mapToLong(a -> a.balance() + a.escrowed() + a.pending())
            .sum()) {
      throw new VerificationFailure("replayed supply differs from the sum of balances");
    }
    // Escrow is exactly the maxima of the jobs still open, running or verifying.
    for (Account a : state.accounts()) {
      long held =
          state.jobs().values().stream()
              .filter(j -> j.spender().equals(a.id()) && !j.status().ended())
              .mapToLong(Job::maxMicro)
              .sum();
      if (held != a.escrowed()) {
        throw new VerificationFailure(
            "account " + a.id().hex() + " escrows " + a.escrowed() + " but its jobs hold " + held);
      }
    }
    progress.accept("replayed " + state.size() + " leaves through the state machine");
    return log;
  }

  private Checkpoint currentCheckpoint() throws VerificationFailure {
    try {
      return new CheckpointVerifier(key).verify(client.checkpoint());
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure("checkpoint signature does not verify: " + e.getMessage());
    }
  }

  /** The first served value that differs from the replay, if any. */
  private Optional<String> firstDifference(LedgerState state, Consumer<String> progress)
      throws VerificationFailure {
    for (Account a : state.accounts()) {
      Optional<AccountView> served;
      try {
        served = client.account(a.id());
      } catch (ApiException e) {
        throw new VerificationFailure(
            "cannot read account " + a.id().hex() + ": " + e.getMessage());
      }
      String what = "account " + a.id().hex() + " (" + a.name() + ")";
      if (served.isEmpty()) {
        return Optional.of("node does not serve " + what);
      }
      Optional<String> d =
          compare(what, AccountJson.encode(AccountView.of(a)), AccountJson.encode(served.get()));
      if (d.isPresent()) {
        return d;
      }
    }
    progress.accept(state.accounts().size() + " accounts match the node");
    for (TrackSpec t : state.tracks()) {
      Optional<BestView> served = servedBest(t.id());
      Optional<Best> best = state.best(t.id());
      if (best.isEmpty() && served.isPresent()) {
        return Optional.of(
            "track "
                + t.id()
                + ": node serves a best (result "
                + served.get().result()
                + ") the log never verified");
      }
      if (best.isPresent()) {
        Best b = best.get();
        if (served.isEmpty()) {
          return Optional.of(
              "track " + t.id() + ": node serves no best, replay says result " + b.result());
        }
        if (served.get().result() != b.result()
            || Double.compare(served.get().valBpb(), b.valBpb()) != 0) {
          return Optional.of(
              "track "
                  + t.id()
                  + ": node serves best result "
                  + served.get().result()
                  + " val_bpb "
                  + served.get().valBpb()
                  + ", replay says result "
                  + b.result()
                  + " val_bpb "
                  + b.valBpb());
        }
      }
    }
    progress.accept(state.tracks().size() + " tracks' best match the node");
    for (Job j : state.jobs().values()) {
      Optional<JobView> served;
      try {
        served = client.job(j.id());
      } catch (ApiException e) {
        throw new VerificationFailure("cannot read job " + j.id() + ": " + e.getMessage());
      }
      if (served.isEmpty()) {
        return Optional.of("node does not serve job " + j.id());
      }
      Optional<String> d =
          compare(
              "job " + j.id(), JobJson.encode(JobView.of(j, true)), JobJson.encode(served.get()));
      if (d.isPresent()) {
        return d;
      }
    }
    progress.accept(
        state.jobs().size() + " jobs (escrow, leases, outputs, settlements) match the node");
    return Optional.empty();
  }

  private Optional<BestView> servedBest(String track) throws VerificationFailure {
    try {
      return client.best(track);
    } catch (ApiException e) {
      throw new VerificationFailure("cannot read the best of " + track + ": " + e.getMessage());
    }
  }

  /**
   * Names the first field where the served view differs from the replayed one, or one the node
   * serves that the replay has not; both are encoded by the same codec, so the comparison is field
   * by field of one shape.
   */
  private static Optional<String> compare(String what, ObjectNode replay, ObjectNode served) {
    Iterator<Map.Entry<String, JsonNode>> fields = replay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode s = served.get(f.getKey());
      if (!f.getValue().equals(s)) {
        return Optional.of(
            what + ": node serves " + f.getKey() + " = " + s + " but the log says " + f.getValue());
      }
    }
    Iterator<String> names = served.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!replay.has(name)) {
        return Optional.of(
            what
                + ": node serves "
                + name
                + " = "
                + served.get(name)
                + " which the log never produced");
      }
    }
    return Optional.empty();
  }
}
