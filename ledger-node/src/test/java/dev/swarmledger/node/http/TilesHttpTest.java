package dev.swarmledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import dev.swarmledger.protocol.tiles.EntryBundle;
import dev.swarmledger.protocol.tiles.TilePath;
import dev.swarmledger.protocol.tiles.TileTreeNodes;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads the whole log through C2SP tiles alone (checkpoint, Merkle tiles, entry bundles) and checks
 * it against the signed checkpoint, as standard tlog tooling would.
 */
class TilesHttpTest {
  private static final SigningKey OPERATOR = TestTransactions.key(31);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private LedgerNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private HttpResponse<byte[]> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(node.url() + "/v1/" + path)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private byte[] tile(TilePath t) {
    HttpResponse<byte[]> r = get(t.path());
    assertThat(r.statusCode()).as(t.path()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(r.headers().firstValue("Cache-Control"))
        .contains(t.full() ? "public, max-age=31536000, immutable" : "public, max-age=5");
    return r.body();
  }

  private Checkpoint checkpoint() {
    HttpResponse<byte[]> r = get("checkpoint");
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    return new CheckpointVerifier(node.verifierKey()).verify(new String(r.body()));
  }

  @Test
  void theWholeLogReadThroughTilesVerifiesAgainstTheCheckpoint() {
    node = LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, OPERATOR));
    NodeHttp http = new NodeHttp(node.url());
    List<Checkpoint> earlier = new ArrayList<>();
    for (int i = 0; i < 299; i++) {
      assertThat(
              http.postJson(
                      "/v1/tx", TestTransactions.register(TestTransactions.freshKey(), "a" + i))
                  .status())
          .isEqualTo(200);
      if (i == 0 || i == 254 || i == 255 || i == 280) {
        earlier.add(checkpoint());
      }
    }
    byte[] fullBefore = tile(TilePath.tile(0, 0, 256));

    Checkpoint cp = checkpoint();
    assertThat(cp.size()).isEqualTo(300);
    TileTreeNodes tiles = new TileTreeNodes(this::tile, cp.size());
    assertThat(MerkleProofs.root(tiles, cp.size())).isEqualTo(cp.root());

    // Entries: each bundle's entries hash to the level-0 tile's hashes.
    List<Hash> leafHashes = new ArrayList<>();
    for (long n = 0; n * 256 < cp.size(); n++) {
      TilePath level0 = tiles.tileFor(0, n);
      List<byte[]> entries = EntryBundle.decode(tile(TilePath.entries(n, level0.width())));
      List<Hash> expected = tiles.hashes(level0);
      assertThat(entries).hasSize(expected.size());
      for (int i = 0; i < entries.size(); i++) {
        assertThat(LeafCodec.decode(entries.get(i)).index()).isEqualTo(n * 256 + i);
        Hash h = MerkleHash.leaf(entries.get(i));
        assertThat(h).isEqualTo(expected.get(i));
        leafHashes.add(h);
      }
    }
    assertThat(leafHashes).hasSize(300);
    // The level-1 tile (partial, width 1) is the hash of the full level-0 tile.
    assertThat(tiles.hashes(TilePath.tile(1, 0, 1)).get(0))
        .isEqualTo(MerkleProofs.root(tiles, 256));

    for (long i = 0; i < cp.size(); i++) {
      InclusionProof p = InclusionProof.generate(tiles, i, cp.size());
      assertThat(p.verify(leafHashes.get((int) i), cp.root())).as("leaf " + i).isTrue();
    }
    for (Checkpoint old : earlier) {
      ConsistencyProof p = ConsistencyProof.generate(tiles, old.size(), cp.size());
      assertThat(p.verify(old.root(), cp.root())).as("from " + old.size()).isTrue();
    }
    // A full tile never changes.
    assertThat(tile(TilePath.tile(0, 0, 256))).isEqualTo(fullBefore);
  }

  @Test
  void tilesBeyondTheLogAndBadPathsAre404() {
    node = LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, OPERATOR));
    assertThat(get("tile/0/000.p/1").statusCode()).isEqualTo(200);
    assertThat(get("tile/0/000.p/2").statusCode()).isEqualTo(404);
    assertThat(get("tile/0/000").statusCode()).isEqualTo(404);
    assertThat(get("tile/1/000.p/1").statusCode()).isEqualTo(404);
    assertThat(get("tile/entries/000.p/1").statusCode()).isEqualTo(200);
    assertThat(get("tile/0/x000/000.p/1").statusCode()).isEqualTo(404);
    assertThat(get("tile/0/zzz").statusCode()).isEqualTo(404);
    assertThat(get("tile/63/x999/x999/x999/x999/x999/x999/999").statusCode()).isEqualTo(404);
  }
}
