package dev.swarmledger.trainer.harness;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The segment hash chain: after every K steps, {@code link_i = SHA-256(link_{i-1} || stateHash)}
 * with {@code link_{-1}} = 32 zero bytes. A verifier comparing two chains finds the first diverging
 * segment; the last link commits to every earlier state.
 */
public final class SegmentChain {
  private final List<String> links = new ArrayList<>();
  private byte[] previous = new byte[32];

  public void append(byte[] stateHash) {
    MessageDigest digest = ParameterHash.sha256();
    digest.update(previous);
    digest.update(stateHash);
    previous = digest.digest();
    links.add(HexFormat.of().formatHex(previous));
  }

  public List<String> links() {
    return List.copyOf(links);
  }
}
