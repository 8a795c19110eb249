import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Context;
import org.bytedeco.pytorch.global.torch;

/**
 * Which cuDNN the Java trainer's process reports and loads, beside libtorch's own build configuration: run on
 * the GPU machine with the bundle's runtime and jar ({@code java -cp swarm.jar bench/gpu/CudnnVersions.java}).
 */
public class CudnnVersions {
  public static void main(String[] args) throws Exception {
    System.out.println("cuda_is_available=" + torch.cuda_is_available());
    System.out.println("versionCUDART=" + Context.versionCUDART());
    System.out.println("versionCuDNN=" + Context.versionCuDNN());
    System.out.println("versionRuntimeCuDNN=" + Context.versionRuntimeCuDNN());
    System.out.println("versionCuDNNFrontend=" + Context.versionCuDNNFrontend());
    System.out.println("show_config:\n" + torch.show_config().getString());
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      if (line.contains("cudnn") || line.contains("libtorch") || line.contains("cudart")) {
        System.out.println("maps: " + line.substring(line.lastIndexOf(' ') + 1));
      }
    }
  }
}
