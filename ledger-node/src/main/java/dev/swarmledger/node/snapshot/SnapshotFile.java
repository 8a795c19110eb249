package dev.swarmledger.node.snapshot;

import dev.swarmledger.protocol.checkpoint.NoteSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateDigest;
import dev.swarmledger.protocol.state.StateSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A snapshot as stored on disk: a signed header, then the state's bytes ({@link StateSnapshot}).
 *
 * <pre>
 *   u32 header length | header: a C2SP signed note | state bytes
 *
 *   swarmledger/snapshot v1
 *   origin &lt;the log's origin&gt;
 *   size &lt;leaves applied&gt;
 *   tree &lt;base64 Merkle root of the log at that size: what its signed checkpoints commit to&gt;
 *   state &lt;hex state root, StateDigest&gt;
 *   body &lt;hex SHA-256 of the state bytes&gt;
 *
 *   — &lt;key name&gt; &lt;signature&gt;
 * </pre>
 *
 * The header is signed by the node's own key, so a snapshot that was cut short, had a byte changed,
 * or was written by anyone else fails before its state is decoded; recomputing the state root (the
 * costliest step, seconds at a million accounts) is not needed on start. The writer guarantees the
 * recorded root instead: it decodes its own bytes back and refuses to store them unless they give
 * the same root as the live state. Line 2 is never a number, so a header is never a checkpoint.
 */
public final class SnapshotFile {
  /** Why a stored snapshot is not used; the node then tries an older one or replays. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /** What a stored snapshot claims. */
  public record Header(String origin, long size, Hash treeRoot, Hash stateRoot, Hash body) {
    String text() {
      return FIRST_LINE
          + "\norigin "
          + origin
          + "\nsize "
          + size
          + "\ntree "
          + treeRoot.base64()
          + "\nstate "
          + stateRoot.hex()
          + "\nbody "
          + body.hex()
          + "\n";
    }

    static Header parse(String text) throws Invalid {
      String[] lines = text.split("\n", -1);
      if (lines.length != 7 || !lines[0].equals(FIRST_LINE) || !lines[6].isEmpty()) {
        throw new Invalid("not a snapshot header of version 1");
      }
      try {
        return new Header(
            field(lines[1], "origin"),
            Long.parseLong(field(lines[2], "size")),
            Hash.fromBase64(field(lines[3], "tree")),
            Hash.fromHex(field(lines[4], "state")),
            Hash.fromHex(field(lines[5], "body")));
      } catch (IllegalArgumentException e) {
        throw new Invalid("malformed snapshot header: " + e.getMessage());
      }
    }

    private static String field(String line, String name) throws Invalid {
      if (!line.startsWith(name + " ")) {
        throw new Invalid("snapshot header line '" + name + "' missing");
      }
      return line.substring(name.length() + 1);
    }
  }

  /** A snapshot read back: its header and the state it holds. */
  public record Read(Header header, LedgerState state) {}

  static final String FIRST_LINE = "swarmledger/snapshot v1";
  private static final int MAX_HEADER = 4096;

  private SnapshotFile() {}

  /**
   * The file bytes of {@code state}, the state of log {@code origin} whose Merkle root at the
   * state's size is {@code treeRoot}, signed by {@code signer}.
   *
   * @throws IllegalStateException if the bytes do not decode to a state of the same root (a codec
   *     bug: nothing is written)
   */
  public static byte[] encode(NoteSigner signer, String origin, Hash treeRoot, LedgerState state) {
    byte[] body = StateSnapshot.encode(state);
    Hash stateRoot = StateDigest.root(state);
    Hash decodedRoot = StateDigest.root(StateSnapshot.decode(body));
    if (!decodedRoot.equals(stateRoot)) {
      throw new IllegalStateException(
          "snapshot at "
              + state.size()
              + " does not read back to its state (root "
              + decodedRoot.hex()
              + " instead of "
              + stateRoot.hex()
              + "): not written");
    }
    Header h = new Header(origin, state.size(), treeRoot, stateRoot, Hash.sha256(body));
    byte[] note = signer.sign(h.text()).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + note.length + body.length)
        .putInt(note.length)
        .put(note)
        .put(body)
        .array();
  }

  /** Checks the signature by {@code key} and the body's hash, then decodes the state. */
  public static Read decode(byte[] file, NoteVerifierKey key) throws Invalid {
    if (file.length < 4) {
      throw new Invalid("not a snapshot file");
    }
    int noteLength = ByteBuffer.wrap(file).getInt();
    if (noteLength < 1 || noteLength > MAX_HEADER || noteLength > file.length - 4) {
      throw new Invalid("not a snapshot file (header of " + noteLength + " bytes)");
    }
    SignedNote note;
    try {
      note = SignedNote.parse(new String(file, 4, noteLength, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new Invalid("header is not a signed note: " + e.getMessage());
    }
    if (!note.verifiedBy(key)) {
      throw new Invalid("header is not signed by " + key.name() + "'s key");
    }
    Header h = Header.parse(note.text());
    byte[] body = Arrays.copyOfRange(file, 4 + noteLength, file.length);
    if (!Hash.sha256(body).equals(h.body())) {
      throw new Invalid("state bytes do not match the signed header: the file is torn or altered");
    }
    LedgerState state;
    try {
      state = StateSnapshot.decode(body);
    } catch (StateSnapshot.Malformed e) {
      throw new Invalid("state does not decode: " + e.getMessage());
    }
    if (state.size() != h.size()) {
      throw new Invalid("header says size " + h.size() + ", the state has " + state.size());
    }
    return new Read(h, state);
  }
}
