import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Context;
import org.bytedeco.pytorch.global.torch;

/**
 * Which cuDNN and CUDA runtime the Java trainer's process reports and loads, beside libtorch's build
 * configuration: run on the GPU machine by cudnn-versions.sh. Each hook is asked on its own, since a JNI built
 * for one libtorch may reach another's hooks through the wrong virtual method.
 */
public class CudnnVersions {
  public static void main(String[] args) throws Exception {
    System.out.println("cuda_is_available=" + torch.cuda_is_available());
    ask("versionCUDART", Context::versionCUDART);
    ask("versionCuDNN", Context::versionCuDNN);
    ask("versionRuntimeCuDNN", Context::versionRuntimeCuDNN);
    ask("versionCuDNNFrontend", Context::versionCuDNNFrontend);
    for (String line : torch.show_config().getString().split("\n")) {
      if (line.contains("CuDNN") || line.contains("CUDA Runtime")) {
        System.out.println("show_config:" + line);
      }
    }
    Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .filter(p -> p.contains("libcudnn.so") || p.contains("libtorch_cuda") || p.contains("libcudart"))
        .distinct()
        .forEach(p -> System.out.println("loaded " + p));
  }

  private static void ask(String name, Callable<Object> hook) {
    try {
      System.out.println(name + "=" + hook.call());
    } catch (Throwable e) {
      System.out.println(name + " threw " + String.valueOf(e.getMessage()).split("\n")[0]);
    }
  }
}
