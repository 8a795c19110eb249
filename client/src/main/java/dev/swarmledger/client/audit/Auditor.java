package dev.swarmledger.client.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.Best;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateDescriptions;
import dev.swarmledger.protocol.state.StateDigest;
import dev.swarmledger.protocol.state.StateMachine;
import dev.swarmledger.protocol.tx.TrackSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The full audit: verifies the log (see {@link LogVerifier}), replays the state machine from leaf
 * 0, and compares every account and every track's best with what the node serves. Any leaf the
 * rules refuse, or any served value that differs from the replay, fails the audit with the first
 * difference.
 */
public final class Auditor {
  /** What the audit established. */
  public record Report(
      Checkpoint checkpoint, String note, long accounts, long tracks, String stateRoot) {}

  /** JSON equality where 5 and 5L are the same number (the parser picks the narrowest type). */
  private static final java.util.Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private final LedgerClient client;
  private final NoteVerifierKey key;

  public Auditor(LedgerClient client, NoteVerifierKey key) {
    this.client = client;
    this.key = key;
  }

  public Report audit(List<Checkpoint> seenBefore, Consumer<String> progress)
      throws VerificationFailure {
    LedgerState state = new LedgerState();
    LogVerifier.Report log =
        new LogVerifier(client, key)
            .verify(
                seenBefore,
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
    if (state.supply()
        != state.accounts().stream().mapToLong(a -> a.balance() + a.escrowed()).sum()) {
      throw new VerificationFailure("replayed supply differs from the sum of balances");
    }
    progress.accept("replayed " + state.size() + " leaves through the state machine");
    for (Account a : state.accounts()) {
      JsonNode served;
      try {
        served = client.account(a.id().hex()).orElse(null);
      } catch (ApiException e) {
        throw new VerificationFailure(
            "cannot read account " + a.id().hex() + ": " + e.getMessage());
      }
      if (served == null) {
        throw new VerificationFailure(
            "node does not serve account " + a.id().hex() + " (" + a.name() + ")");
      }
      compare(
          "account " + a.id().hex() + " (" + a.name() + ")",
          StateDescriptions.account(a),
          served,
          state.size());
    }
    progress.accept(state.accounts().size() + " accounts match the node");
    for (TrackSpec t : state.tracks()) {
      JsonNode served = servedBest(t.id());
      Best best = state.best(t.id()).orElse(null);
      if (best == null && served != null) {
        throw new VerificationFailure(
            "track "
                + t.id()
                + ": node serves a best (result "
                + served.get("result")
                + ") the log never verified");
      }
      if (best != null) {
        if (served == null) {
          throw new VerificationFailure(
              "track " + t.id() + ": node serves no best, replay says result " + best.result());
        }
        if (served.get("result").asLong() != best.result()
            || Double.compare(served.get("val_bpb").asDouble(), best.valBpb()) != 0) {
          throw new VerificationFailure(
              "track "
                  + t.id()
                  + ": node serves best result "
                  + served.get("result")
                  + " val_bpb "
                  + served.get("val_bpb")
                  + ", replay says result "
                  + best.result()
                  + " val_bpb "
                  + best.valBpb());
        }
      }
    }
    progress.accept(state.tracks().size() + " tracks' best match the node");
    return new Report(
        log.checkpoint(),
        log.note(),
        state.accounts().size(),
        state.tracks().size(),
        StateDigest.root(state).hex());
  }

  private JsonNode servedBest(String track) throws VerificationFailure {
    try {
      return client.getJson("v1/best?track=" + LedgerClient.encode(track));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw new VerificationFailure("cannot read the best of " + track + ": " + e.getMessage());
    }
  }

  /**
   * Every field the replay knows must be served with the same value. The node may have moved on
   * since the checkpoint, so an account that changed later is re-checked against a fresh audit, not
   * reported as tampered: the nonce tells.
   */
  private static void compare(String what, JsonNode replay, JsonNode served, long size)
      throws VerificationFailure {
    if (served.get("next_nonce") != null
        && served.get("next_nonce").asLong() != replay.get("next_nonce").asLong()) {
      throw new VerificationFailure(
          what
              + ": node moved on (nonce "
              + served.get("next_nonce")
              + " vs "
              + replay.get("next_nonce")
              + " at size "
              + size
              + "); audit again when the node is quiet");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = replay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode s = served.get(f.getKey());
      if (s == null || !f.getValue().equals(SAME_VALUE, s)) {
        throw new VerificationFailure(
            what + ": node serves " + f.getKey() + " = " + s + " but the log says " + f.getValue());
      }
    }
  }
}
