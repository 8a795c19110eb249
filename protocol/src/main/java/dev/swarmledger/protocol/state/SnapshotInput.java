package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads what {@link SnapshotOutput} wrote, refusing anything that runs past the end or is not
 * well-formed with a {@link StateSnapshot.Malformed}.
 */
final class SnapshotInput {
  private final ByteBuffer in;

  SnapshotInput(ByteBuffer in) {
    this.in = in;
  }

  boolean atEnd() {
    return !in.hasRemaining();
  }

  int position() {
    return in.position();
  }

  /** The next {@code length} bytes as their own input; this one moves past them. */
  SnapshotInput slice(int length) {
    if (length < 0 || length > in.remaining()) {
      throw new StateSnapshot.Malformed(
          "a section of " + length + " bytes runs past the end (" + in.remaining() + " left)");
    }
    ByteBuffer s = in.slice(in.position(), length);
    in.position(in.position() + length);
    return new SnapshotInput(s);
  }

  byte[] raw(int length) {
    byte[] b = new byte[length];
    get(() -> in.get(b));
    return b;
  }

  int u8() {
    return get(() -> in.get() & 0xff);
  }

  int i32() {
    return get(in::getInt);
  }

  long i64() {
    return get(in::getLong);
  }

  double f64() {
    return Double.longBitsToDouble(i64());
  }

  boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new StateSnapshot.Malformed("a boolean byte is " + b);
    }
    return b == 1;
  }

  /** A count of records or bytes: non-negative and not beyond what is left to read. */
  int count() {
    int n = i32();
    if (n < 0 || n > in.remaining()) {
      throw new StateSnapshot.Malformed("a count of " + n + " with " + in.remaining() + " left");
    }
    return n;
  }

  byte[] bytes() {
    return raw(count());
  }

  String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /**
   * A key this node checked when its leaf was applied; the snapshot's checksum vouches that these
   * are the bytes written, so the curve check is left to the key's first use.
   */
  PublicKey key() {
    return PublicKey.restored(raw(PublicKey.LENGTH));
  }

  Hash hash() {
    return Hash.of(raw(Hash.LENGTH));
  }

  Instant instant() {
    long seconds = i64();
    int nanos = i32();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (RuntimeException e) {
      throw new StateSnapshot.Malformed("not an instant: " + seconds + "s " + nanos + "ns");
    }
  }

  Optional<String> optionalText() {
    return bool() ? Optional.of(text()) : Optional.empty();
  }

  Optional<Instant> optionalInstant() {
    return bool() ? Optional.of(instant()) : Optional.empty();
  }

  Optional<PublicKey> optionalKey() {
    return bool() ? Optional.of(key()) : Optional.empty();
  }

  Optional<Hash> optionalHash() {
    return bool() ? Optional.of(hash()) : Optional.empty();
  }

  OptionalLong optionalLong() {
    return bool() ? OptionalLong.of(i64()) : OptionalLong.empty();
  }

  OptionalDouble optionalDouble() {
    return bool() ? OptionalDouble.of(f64()) : OptionalDouble.empty();
  }

  <E extends Enum<E>> E name(Class<E> type) {
    String s = text();
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.name().equals(s))
        .findFirst()
        .orElseThrow(
            () -> new StateSnapshot.Malformed("no " + type.getSimpleName() + " named " + s));
  }

  private interface Read<T> {
    T get();
  }

  private static <T> T get(Read<T> r) {
    try {
      return r.get();
    } catch (BufferUnderflowException e) {
      throw new StateSnapshot.Malformed("the snapshot ends early");
    }
  }
}
