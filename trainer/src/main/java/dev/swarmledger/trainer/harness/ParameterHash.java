package dev.swarmledger.trainer.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bytedeco.pytorch.Module;

/**
 * SHA-256 over a model's whole state: for every parameter and buffer in module order, its name,
 * dtype, shape and raw bytes. Two models hash equal exactly when they are bitwise the same.
 */
public final class ParameterHash {
  private ParameterHash() {}

  public static byte[] of(Module module) {
    return of(NamedTensors.of(module));
  }

  /** The hash of a state held as named tensors (a copy of a module's, for a later hash). */
  static byte[] of(java.util.List<NamedTensors.Named> state) {
    MessageDigest digest = sha256();
    for (NamedTensors.Named named : state) {
      byte[] data = TensorBytes.of(named.tensor());
      digest.update(
          header(
              named.name(),
              named.tensor().scalar_type().toString(),
              named.tensor().sizes().vec().get(),
              data.length));
      digest.update(data);
    }
    return digest.digest();
  }

  /**
   * What the hash reads before a tensor's raw bytes: its name, dtype, shape and byte length. Shared
   * with {@link ParameterFileDigest}, which hashes a parameter file the same way without libtorch.
   */
  static byte[] header(String tensorName, String dtypeName, long[] shape, int dataLength) {
    byte[] name = tensorName.getBytes(StandardCharsets.UTF_8);
    byte[] dtype = dtypeName.getBytes(StandardCharsets.UTF_8);
    ByteBuffer header = ByteBuffer.allocate(16 + name.length + dtype.length + 8 * shape.length);
    header.putInt(name.length).put(name).putInt(dtype.length).put(dtype).putInt(shape.length);
    for (long dim : shape) {
      header.putLong(dim);
    }
    header.putInt(dataLength);
    return header.array();
  }

  public static String hex(Module module) {
    return HexFormat.of().formatHex(of(module));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
