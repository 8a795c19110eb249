package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The primitive writes of a {@link StateSnapshot}: big-endian integers, IEEE doubles by their bits,
 * length-prefixed UTF-8, raw 32-byte keys and hashes, a presence byte before optionals.
 */
final class SnapshotOutput {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
  private final DataOutputStream out = new DataOutputStream(bytes);

  byte[] toByteArray() {
    return bytes.toByteArray();
  }

  int size() {
    return bytes.size();
  }

  void raw(byte[] b) {
    run(() -> out.write(b));
  }

  void u8(int v) {
    run(() -> out.writeByte(v));
  }

  void i32(int v) {
    run(() -> out.writeInt(v));
  }

  void i64(long v) {
    run(() -> out.writeLong(v));
  }

  void f64(double v) {
    run(() -> out.writeLong(Double.doubleToRawLongBits(v)));
  }

  void bool(boolean v) {
    u8(v ? 1 : 0);
  }

  void bytes(byte[] b) {
    i32(b.length);
    raw(b);
  }

  void text(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  void key(PublicKey k) {
    raw(k.bytes());
  }

  void hash(Hash h) {
    raw(h.bytes());
  }

  void instant(Instant t) {
    i64(t.getEpochSecond());
    i32(t.getNano());
  }

  void optionalText(Optional<String> s) {
    bool(s.isPresent());
    s.ifPresent(this::text);
  }

  void optionalInstant(Optional<Instant> t) {
    bool(t.isPresent());
    t.ifPresent(this::instant);
  }

  void optionalKey(Optional<PublicKey> k) {
    bool(k.isPresent());
    k.ifPresent(this::key);
  }

  void optionalHash(Optional<Hash> h) {
    bool(h.isPresent());
    h.ifPresent(this::hash);
  }

  void optionalLong(OptionalLong v) {
    bool(v.isPresent());
    v.ifPresent(this::i64);
  }

  void optionalDouble(OptionalDouble v) {
    bool(v.isPresent());
    v.ifPresent(this::f64);
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void run(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }
}
