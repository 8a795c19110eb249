package dev.swarmledger.trainer.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Moves a trained model's state from the training child to the evaluator: every parameter and
 * buffer by name, dtype, shape and raw bytes. Loading requires the receiving model to have exactly
 * the same names, dtypes and shapes (it was built by the same experiment source).
 */
public final class ParameterFile {
  static final int MAGIC = 0x53575054; // "SWPT"

  private ParameterFile() {}

  public static void write(Module module, Path file) throws IOException {
    List<NamedTensors.Named> state = NamedTensors.of(module);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(state.size());
      for (NamedTensors.Named named : state) {
        out.writeUTF(named.name());
        out.writeUTF(named.tensor().scalar_type().toString());
        long[] shape = named.tensor().sizes().vec().get();
        out.writeInt(shape.length);
        for (long dim : shape) {
          out.writeLong(dim);
        }
        byte[] data = TensorBytes.of(named.tensor());
        out.writeInt(data.length);
        out.write(data);
      }
    }
  }

  /** Overwrites {@code module}'s state with the file's. */
  public static void load(Module module, Path file) throws IOException {
    List<NamedTensors.Named> state = NamedTensors.of(module);
    try (DataInputStream in =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        NoGradGuard noGrad = new NoGradGuard()) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a parameter file: " + file);
      }
      int count = in.readInt();
      if (count != state.size()) {
        throw new IOException(
            "parameter file has " + count + " tensors, model has " + state.size());
      }
      for (NamedTensors.Named named : state) {
        String name = in.readUTF();
        String dtype = in.readUTF();
        long[] shape = new long[in.readInt()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = in.readLong();
        }
        byte[] data = new byte[in.readInt()];
        in.readFully(data);
        Tensor target = named.tensor();
        if (!name.equals(named.name())
            || !dtype.equals(target.scalar_type().toString())
            || !Arrays.equals(shape, target.sizes().vec().get())) {
          throw new IOException(
              "parameter file entry "
                  + name
                  + " "
                  + dtype
                  + Arrays.toString(shape)
                  + " does not match the model's "
                  + named.name());
        }
        Tensor staging =
            torch.empty(shape, new TensorOptions(target.scalar_type()), new MemoryFormatOptional());
        TensorBytes.into(staging, data);
        target.copy_(staging);
      }
    }
  }
}
