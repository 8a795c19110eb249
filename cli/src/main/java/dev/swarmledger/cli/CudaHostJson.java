package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.trainer.cuda.CudaHost;
import dev.swarmledger.trainer.cuda.LibraryFolder;
import dev.swarmledger.trainer.cuda.NvidiaDevices;
import java.util.List;

/** The JSON form of a {@link CudaHost}, for {@code swarm doctor --json} (snake_case fields). */
final class CudaHostJson {
  private CudaHostJson() {}

  static ObjectNode encode(CudaHost host) {
    ObjectNode o = Json.object();
    o.put("usable", host.usable());
    o.put("device_node", host.devices().controlNode());
    o.set("gpus", Json.array(host.devices().gpus(), CudaHostJson::gpu));
    o.put("driver_version", host.devices().driverVersion().orElse(null));
    o.put("jni_build", host.jni().gpu() ? "gpu" : "cpu");
    o.set("class_path_libraries", strings(host.jni().bundled().stream().sorted().toList()));
    o.put("torch_wheel", host.wheel().map(w -> w.torch().toString()).orElse(null));
    o.put("torch_wheel_found_by", host.wheel().map(w -> w.foundBy()).orElse(null));
    o.set("searched_folders", Json.array(host.searched(), CudaHostJson::folder));
    o.set("libraries", Json.array(host.libraries(), CudaHostJson::library));
    o.set("problems", strings(host.problems()));
    o.put("message", host.message());
    o.put("ld_library_path", host.ldLibraryPath());
    o.set("ld_library_path_added", strings(host.addedFolders()));
    return o;
  }

  private static ObjectNode gpu(NvidiaDevices.Gpu gpu) {
    return Json.object().put("bus", gpu.bus()).put("model", gpu.model());
  }

  private static ObjectNode folder(LibraryFolder folder) {
    return Json.object()
        .put("path", folder.path().toString())
        .put("origin", folder.origin().label());
  }

  private static ObjectNode library(CudaHost.Library library) {
    ObjectNode o = Json.object().put("file", library.file()).put("found", library.found());
    o.put("class_path", library.onClassPath());
    o.put("folder", library.folder().map(f -> f.path().toString()).orElse(null));
    o.put("origin", library.folder().map(f -> f.origin().label()).orElse(null));
    return o;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = Json.object().arrayNode();
    values.forEach(a::add);
    return a;
  }
}
