package dev.swarmledger.trainer.harness;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;

/** Copies between tensors and Java byte arrays (in the tensor's dtype, native byte order). */
final class TensorBytes {
  private TensorBytes() {}

  static byte[] of(Tensor tensor) {
    Tensor flat = tensor.detach().cpu().contiguous();
    long size = flat.nbytes();
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor too large to copy: " + size + " bytes");
    }
    byte[] bytes = new byte[(int) size];
    if (size > 0) {
      new BytePointer(flat.data_ptr()).get(bytes, 0, bytes.length);
    }
    return bytes;
  }

  /** Writes {@code bytes} into a contiguous CPU tensor of exactly that many bytes. */
  static void into(Tensor cpuTensor, byte[] bytes) {
    if (!cpuTensor.is_contiguous() || cpuTensor.nbytes() != bytes.length || cpuTensor.is_cuda()) {
      throw new IllegalArgumentException("target must be a contiguous CPU tensor of the same size");
    }
    if (bytes.length > 0) {
      new BytePointer(cpuTensor.data_ptr()).put(bytes, 0, bytes.length);
    }
  }
}
