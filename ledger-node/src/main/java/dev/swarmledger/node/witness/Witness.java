package dev.swarmledger.node.witness;

import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CosignatureSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.witness.AddCheckpointRequest;
import dev.swarmledger.protocol.witness.WitnessRules;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A C2SP tlog-witness: for each log it follows, holds the latest checkpoint it cosigned and cosigns
 * a new one only if the log signed it and it is consistent with the one held. Judging, storing and
 * cosigning happen under one lock, so two requests can never both pass the old-size check and roll
 * the held checkpoint back.
 */
public final class Witness {
  /** The answer to one request: the cosignature line, or the verdict that refused it. */
  public record Answer(Optional<String> cosignature, WitnessRules.Verdict verdict) {}

  private final CosignatureSigner signer;
  private final Map<String, List<NoteVerifierKey>> logs;
  private final WitnessStore store;
  private final Clock clock;

  /**
   * @param logs the logs this witness follows: origin to the keys trusted to sign its checkpoints
   */
  public Witness(
      CosignatureSigner signer,
      Map<String, List<NoteVerifierKey>> logs,
      WitnessStore store,
      Clock clock) {
    this.signer = signer;
    this.logs = Map.copyOf(logs);
    this.store = store;
    this.clock = clock;
  }

  public synchronized Answer add(AddCheckpointRequest request) {
    String origin = request.checkpoint().origin();
    Optional<Checkpoint> held =
        store.held(origin).map(n -> Checkpoint.parseBody(SignedNote.parse(n).text()));
    WitnessRules.Verdict verdict =
        WitnessRules.judge(request, logs.getOrDefault(origin, List.of()), held);
    if (!verdict.isAccepted()) {
      return new Answer(Optional.empty(), verdict);
    }
    SignedNote note = request.signedNote();
    // Never zero: the spec forbids omitting the timestamp.
    long now = Math.max(1, clock.instant().getEpochSecond());
    String line = signer.cosign(note.text(), now).line();
    store.hold(origin, logSigned(note, origin) + line);
    return new Answer(Optional.of(line), verdict);
  }

  /** The note with only the log's own signatures, which the held copy keeps as evidence. */
  private String logSigned(SignedNote note, String origin) {
    StringBuilder b = new StringBuilder(note.text()).append('\n');
    for (SignedNote.Signature s : note.signatures()) {
      if (logs.get(origin).stream()
          .anyMatch(k -> k.name().equals(s.name()) && Arrays.equals(k.keyId(), s.keyId()))) {
        b.append(s.line());
      }
    }
    return b.toString();
  }

  public WitnessStore store() {
    return store;
  }

  public CosignatureSigner signer() {
    return signer;
  }
}
