// One inference job, as a worker or a verifier runs it (Inference.infer: the code JobRunner.infer
// calls), in this JVM's child process, uncontained (the GPU machine has no bubblewrap). Prints one
// JSON line: the output's SHA-256, the FLOPs, the hardware class and the wall seconds, so that two
// runs in two JVMs can be compared bit for bit. Run against the slim jar (bench/gpu/jobs-check.sh):
//   java -cp swarm.jar bench/gpu/JobInfer.java generate|score cpu|cuda EXPERIMENT.java WEIGHTS
//        STATE_HASH SEED TRACK INPUT_FILE INPUT_BYTES GENERATE_BYTES OUTPUT_FILE
// EXPERIMENT.java is read from the file, else from the jar's built-in experiments/.

import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.inference.Inference;
import dev.swarmledger.trainer.inference.InferenceRequest;
import dev.swarmledger.trainer.inference.InferenceResponse;
import dev.swarmledger.trainer.jobs.JobRunner;
import dev.swarmledger.trainer.sandbox.Containment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

public class JobInfer {
  public static void main(String[] a) throws Exception {
    String mode = a[0];
    Backend.Preference device = Backend.Preference.parse(a[1]);
    String source = source(a[2]);
    Path weights = Path.of(a[3]);
    String stateHash = a[4];
    long seed = Long.parseLong(a[5]);
    String track = a[6];
    byte[] input = Arrays.copyOf(Files.readAllBytes(Path.of(a[7])), Integer.parseInt(a[8]));
    int bytes = Integer.parseInt(a[9]);
    Path output = Path.of(a[10]);

    TrainerSettings settings =
        TrainerSettings.fromEnvironment(false).withDevice(device).withContainment(Containment.NONE);
    InferenceRequest request =
        mode.equals("generate")
            ? InferenceRequest.generate(track, seed, input, bytes)
            : InferenceRequest.score(track, seed, input);
    // The thread count JobRunner gives a job of a non-CPU class: every processor.
    int threads = JobRunner.threadsFor(device == Backend.Preference.CUDA ? "cuda" : "cpu");
    long start = System.nanoTime();
    InferenceResponse r =
        new Inference(settings, threads).infer(source, weights, stateHash, request);
    double seconds = (System.nanoTime() - start) / 1e9;
    byte[] out = r.outputBytes();
    Files.write(output, out);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"mode\":\"%s\",\"device\":\"%s\",\"hardware_class\":\"%s\",\"output_sha256\":\"%s\","
                + "\"flops\":%d,\"state_hash\":\"%s\",\"sum\":%s,\"bpb\":%s,\"wall_seconds\":%.3f,"
                + "\"threads\":%d,\"output_bytes\":%d,\"generated_b64\":\"%s\"}",
            mode,
            a[1],
            r.hardwareClass(),
            r.outputSha256(),
            r.flops(),
            r.stateHash(),
            Double.toString(r.sum()),
            Double.toString(r.bpb()),
            seconds,
            threads,
            out.length,
            Base64.getEncoder().encodeToString(r.output())));
  }

  private static String source(String name) throws Exception {
    Path file = Path.of(name);
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    try (InputStream in =
        ClassLoader.getSystemResourceAsStream("experiments/" + file.getFileName())) {
      if (in == null) {
        throw new IllegalArgumentException("no such experiment: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
