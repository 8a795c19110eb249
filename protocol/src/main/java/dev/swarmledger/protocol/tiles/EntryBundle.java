package dev.swarmledger.protocol.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP tlog-tiles entry bundle: the log entries (leaf bytes) of one tile, each prefixed with its
 * length as a big-endian uint16.
 */
public final class EntryBundle {
  /** The largest entry a bundle can hold. */
  public static final int MAX_ENTRY = 0xFFFF;

  private EntryBundle() {}

  /** Encodes {@code entries}; one longer than 65,535 bytes cannot be bundled. */
  public static byte[] encode(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i);
      if (e.length > MAX_ENTRY) {
        throw new IllegalArgumentException(
            "entry " + i + " is " + e.length + " bytes; a bundle holds at most " + MAX_ENTRY);
      }
      out.write(e.length >>> 8);
      out.write(e.length & 0xFF);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** Decodes a bundle; a truncated length or entry is an {@link IllegalArgumentException}. */
  public static List<byte[]> decode(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int at = 0;
    while (at < bundle.length) {
      if (at + 2 > bundle.length) {
        throw new IllegalArgumentException("entry bundle ends inside a length prefix");
      }
      int length = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
      at += 2;
      if (at + length > bundle.length) {
        throw new IllegalArgumentException("entry bundle ends inside entry " + entries.size());
      }
      byte[] e = new byte[length];
      System.arraycopy(bundle, at, e, 0, length);
      entries.add(e);
      at += length;
    }
    return entries;
  }
}
