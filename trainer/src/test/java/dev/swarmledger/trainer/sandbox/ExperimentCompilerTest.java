package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentCompilerTest {
  private static final ExperimentCompiler COMPILER = ExperimentCompiler.forThisJvm();

  static String resource(String path) throws IOException {
    try (InputStream in = ExperimentCompilerTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A valid experiment whose train method body is {@code body} (after {@code imports}). */
  static String experiment(String imports, String body) {
    return imports
        + "\nimport dev.swarmledger.trainer.experiment.*;\n"
        + "import dev.swarmledger.trainer.experiment.gpt.*;\n"
        + "public class Probe implements Experiment<Gpt> {\n"
        + "  public Gpt model(ModelContext context) { return new Gpt(GptConfig.of(1, 16, 2), context); }\n"
        + "  public void train(Gpt model, TrainingLoop loop) {\n"
        + body
        + "\n  }\n}\n";
  }

  @Test
  void compilesTheBaseline() throws Exception {
    CompiledExperiment compiled = COMPILER.compile(resource("/experiments/Baseline.java"));
    assertThat(compiled.className()).isEqualTo("Baseline");
    assertThat(compiled.sourceSha256()).hasSize(64);
  }

  @Test
  void compilesTheGpuBenchmarksPeerRecipe() throws Exception {
    // bench/gpu runs it on the GPU machine, where nothing can be fixed: it must compile here.
    String source =
        java.nio.file.Files.readString(java.nio.file.Path.of("../bench/gpu/PeerRecipe.java"));
    assertThat(COMPILER.compile(source).className()).isEqualTo("PeerRecipe");
  }

  @Test
  void compilesTheEnwik8BaselineWithItsBf16Autocast() throws Exception {
    CompiledExperiment compiled = COMPILER.compile(resource("/experiments/Enwik8Baseline.java"));
    assertThat(compiled.className()).isEqualTo("Enwik8Baseline");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"Tiny", "TinyBf16", "Peeking", "Mutating", "StopsEarly", "Hoards", "Spins"})
  void compilesTheTestExperiments(String name) throws Exception {
    // The harness tests run these; the allowlist must keep every one of them compiling (the
    // cheats among them are caught by the harness, not by the source policy).
    assertThat(COMPILER.compile(resource("/experiments/" + name + ".java")).className())
        .isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "opens a file | import java.io.File; | new File(\"x\").delete(); | java.io.File",
        "reads a path | | java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/etc/passwd\")); | java.nio.file.Files",
        "opens a socket | import java.net.Socket; | try { new Socket(\"127.0.0.1\", 80); } catch (Exception e) {} | java.net.Socket",
        "starts a process | | try { new ProcessBuilder(\"sh\").start(); } catch (Exception e) {} | java.lang.ProcessBuilder",
        "execs through Runtime | | try { Runtime.getRuntime().exec(\"sh\"); } catch (Exception e) {} | java.lang.Runtime",
        "exits the JVM | | System.exit(1); | java.lang.System",
        "uses Class.forName | | try { Class.forName(\"java.io.File\"); } catch (Exception e) {} | java.lang.Class",
        "uses getClass | | String s = model.getClass().getName(); | java.lang.Object.getClass",
        "uses a class literal | | Object o = String.class; | String.class",
        "uses java.lang.reflect | import java.lang.reflect.Method; | Method m = null; | java.lang.reflect.Method",
        "starts a thread | | new Thread(() -> {}).start(); | java.lang.Thread",
        "reads the validation data | | try { new dev.swarmledger.trainer.data.DataCache(null, java.util.Optional.empty(), false).read(dev.swarmledger.trainer.track.Tracks.SHAKESPEARE_CHAR.dataSet()); } catch (Exception e) {} | dev.swarmledger.trainer.data.DataCache",
        "reaches into the harness | | dev.swarmledger.trainer.harness.ParameterHash.hex(model); | dev.swarmledger.trainer.harness.ParameterHash",
        "reads a file through torch | | org.bytedeco.pytorch.global.torch.from_file(\"/etc/passwd\"); | org.bytedeco.pytorch.global.torch.from_file",
        "imports a torch file reader statically | import static org.bytedeco.pytorch.global.torch.from_file; | | torch.from_file",
        "writes an archive | | new org.bytedeco.pytorch.OutputArchive(); | org.bytedeco.pytorch.OutputArchive",
        "uses unseeded randomness | | double r = Math.random(); | java.lang.Math.random",
        "loads a native library | | org.bytedeco.javacpp.Loader.load(); | org.bytedeco.javacpp.Loader",
        "turns determinism off | | org.bytedeco.pytorch.global.torch.globalContext().setDeterministicAlgorithms(false, false); | org.bytedeco.pytorch.global.torch.globalContext",
        "picks a nondeterministic attention kernel | | org.bytedeco.pytorch.global.torch.globalContext().setSDPUseFlash(true); | org.bytedeco.pytorch.global.torch.globalContext",
        "turns the autocast weight cache back on | | org.bytedeco.pytorch.global.torch.set_autocast_cache_enabled(true); | org.bytedeco.pytorch.global.torch.set_autocast_cache_enabled",
        "allows TF32 | | new org.bytedeco.pytorch.Context().setAllowTF32CuBLAS(true); | org.bytedeco.pytorch.Context",
      })
  void refusesAndNamesTheSymbolAndLine(String what, String imports, String body, String symbol) {
    String source = experiment(imports == null ? "" : imports, body == null ? "" : body);
    assertThatThrownBy(() -> COMPILER.compile(source))
        .as(what)
        .isInstanceOf(SourceRefusedException.class)
        .hasMessageContaining(symbol)
        .hasMessageMatching("(?s).*line \\d+: .*");
  }

  @Test
  void reportsTheLineOfTheRefusedUse() {
    String source = experiment("", "int a = 1;\nSystem.exit(a);");
    assertThatThrownBy(() -> COMPILER.compile(source))
        .isInstanceOfSatisfying(
            SourceRefusedException.class,
            e -> {
              assertThat(e.refusals()).isNotEmpty();
              assertThat(e.refusals().get(0).line()).isEqualTo(8);
              assertThat(e.refusals().get(0).symbol()).startsWith("java.lang.System");
            });
  }

  @Test
  void allowsJavaUtilAndTorch() throws Exception {
    String source =
        experiment(
            "import java.util.*; import org.bytedeco.pytorch.Tensor; import org.bytedeco.pytorch.global.torch;",
            "List<Integer> xs = new ArrayList<>(); xs.add(1); Map<String, Integer> m = new HashMap<>();"
                + " Random r = new Random(42); Tensor t = torch.zeros(2, 2); String s = String.valueOf(Math.sqrt(2));"
                + " while (loop.hasNext()) { loop.next(1); }");
    assertThat(COMPILER.compile(source).className()).isEqualTo("Probe");
  }

  @Test
  void allowsArrayLengthAndClone() throws Exception {
    // javac gives array members a synthetic owner named Array in no package; it is plain Java.
    String source =
        experiment(
            "",
            "int[] xs = new int[3]; int n = xs.length; int[] ys = xs.clone(); loop.log(\"\" + n + ys[0]);");
    assertThat(COMPILER.compile(source).className()).isEqualTo("Probe");
  }

  @Test
  void reportsCompileErrorsWithLines() {
    assertThatThrownBy(() -> COMPILER.compile(experiment("", "int x = \"no\";")))
        .isInstanceOf(CompilationFailedException.class)
        .hasMessageContaining("line 7");
  }

  @Test
  void requiresAnExperimentClass() {
    assertThatThrownBy(() -> COMPILER.compile("public class NotOne { }"))
        .isInstanceOf(CompilationFailedException.class)
        .hasMessageContaining("must implement");
    assertThatThrownBy(() -> COMPILER.compile("class Hidden { }"))
        .isInstanceOf(CompilationFailedException.class)
        .hasMessageContaining("exactly one public top-level class");
  }
}
