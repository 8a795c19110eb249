package dev.swarmledger.node.witness;

import dev.swarmledger.protocol.checkpoint.CosignerKey;
import java.net.URI;
import java.util.Objects;

/**
 * A witness a node submits its checkpoints to: the witness's submission prefix and its cosignature
 * key.
 */
public record WitnessEndpoint(URI prefix, CosignerKey key) {
  public WitnessEndpoint {
    Objects.requireNonNull(key, "key");
    String scheme = prefix.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("witness URL must be http(s): " + prefix);
    }
  }

  /**
   * Parses {@code URL=VKEY}. The URL is the submission prefix; one without a path gets the {@code
   * /v1/witness} prefix of {@code swarm witness}. The split is at the first '=' (a vkey may end in
   * base64 padding).
   */
  public static WitnessEndpoint parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("a witness is URL=VKEY, got: " + spec);
    }
    URI url = URI.create(spec.substring(0, eq).strip());
    String path = url.getPath() == null ? "" : url.getPath();
    if (path.isEmpty() || path.equals("/")) {
      url = url.resolve(WitnessApi.PREFIX);
    }
    return new WitnessEndpoint(url, CosignerKey.parse(spec.substring(eq + 1)));
  }

  /** Where {@code add-checkpoint} requests go. */
  public URI addCheckpoint() {
    String p = prefix.toString();
    return URI.create((p.endsWith("/") ? p : p + "/") + "add-checkpoint");
  }
}
