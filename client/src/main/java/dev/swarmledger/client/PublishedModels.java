package dev.swarmledger.client;

import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.Hash;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local cache of published models' weights ({@code <sha256>.bin}), filled from the node's blob
 * store: what an inference job runs on. A file is only ever in place with the bytes its name says
 * ({@link LedgerClient#getBlob} checks the hash before moving it in).
 */
public final class PublishedModels {
  private final LedgerClient client;
  private final Path cache;

  public PublishedModels(LedgerClient client, Path cache) {
    this.client = client;
    this.cache = cache;
  }

  /** A published model: the verified result with its source, and its weights on this disk. */
  public record Fetched(ResultView result, Path weights) {}

  /**
   * The model of result {@code id}, downloading its weights unless cached.
   *
   * @throws IllegalStateException when the result is unknown, has no published model, or the node
   *     does not hold its weights
   */
  public Fetched fetch(long id) {
    ResultView r =
        client
            .result(id)
            .orElseThrow(() -> new IllegalStateException("the node has no result " + id));
    Hash weights =
        r.publishedModel()
            .orElseThrow(
                () -> new IllegalStateException("result " + id + " has no published model"));
    Path file = cache.resolve(weights.hex() + ".bin");
    if (!Files.exists(file) && !client.getBlob(weights, file)) {
      throw new IllegalStateException(
          "the node does not hold the weights " + weights.hex() + " of result " + id);
    }
    return new Fetched(r, file);
  }
}
