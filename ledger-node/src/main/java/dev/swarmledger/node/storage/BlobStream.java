package dev.swarmledger.node.storage;

import java.io.IOException;
import java.io.InputStream;

/** A stored blob being read: its size in bytes and a stream of them; close it when done. */
public record BlobStream(long size, InputStream in) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    in.close();
  }
}
