package dev.swarmledger.node.http;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tiles.EntryBundle;
import dev.swarmledger.protocol.tiles.TilePath;
import java.util.function.Supplier;

/**
 * The log as C2SP tlog-tiles under {@code /v1}: {@code /v1/checkpoint} and {@code
 * /v1/tile/<L>/<N>[.p/<W>]}, {@code /v1/tile/entries/<N>[.p/<W>]}. Full tiles never change and are
 * cacheable for a year; partial tiles and the checkpoint only briefly.
 */
public final class TileApi {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String SHORT_LIVED = "public, max-age=5";
  static final String OCTETS = "application/octet-stream";

  private final LedgerLog log;
  private final Supplier<String> checkpoint;

  public TileApi(LedgerLog log, Supplier<String> checkpoint) {
    this.log = log;
    this.checkpoint = checkpoint;
  }

  public void register(Routes routes) {
    routes
        .get(
            "/v1/checkpoint",
            r -> ApiResponse.text(checkpoint.get()).withHeader("Cache-Control", "no-cache"))
        .get("/v1/tile/{path*}", r -> tile(r.pathParam("path")));
  }

  private ApiResponse tile(String rest) {
    TilePath tile;
    try {
      tile = TilePath.parse("tile/" + rest);
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.NOT_FOUND, "no such tile: " + e.getMessage());
    }
    long size = log.size();
    int shift = 8 * tile.level();
    // The tile exists once the log holds every leaf under its last hash.
    long leavesPerHash = shift >= 63 ? Long.MAX_VALUE : 1L << shift;
    long firstHash = tile.index() * TilePath.WIDTH;
    if (tile.index() > (Long.MAX_VALUE / TilePath.WIDTH) - 1
        || (firstHash + tile.width()) > size / leavesPerHash) {
      throw new Rejection(
          ErrorCode.NOT_FOUND, "tile " + tile.path() + " is beyond the log size " + size);
    }
    byte[] body = tile.entries() ? bundle(firstHash, tile.width()) : hashes(tile, firstHash);
    return ApiResponse.bytes(OCTETS, body)
        .withHeader("Cache-Control", tile.full() ? IMMUTABLE : SHORT_LIVED);
  }

  private byte[] hashes(TilePath tile, long firstHash) {
    byte[] out = new byte[tile.width() * Hash.LENGTH];
    for (int i = 0; i < tile.width(); i++) {
      byte[] h = log.nodes().node(8 * tile.level(), firstHash + i).bytes();
      System.arraycopy(h, 0, out, i * Hash.LENGTH, Hash.LENGTH);
    }
    return out;
  }

  private byte[] bundle(long first, int width) {
    try {
      return EntryBundle.encode(log.leaves(first, first + width));
    } catch (IllegalArgumentException e) {
      throw new Rejection(
          ErrorCode.ENTRY_TOO_LARGE,
          e.getMessage() + "; read these entries from /v1/log/entries instead");
    }
  }
}
