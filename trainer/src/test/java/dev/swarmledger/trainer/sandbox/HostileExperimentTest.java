package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A catalogue of hostile experiments: each tries to read data, reach the environment, run native
 * code or escape the policy's view of the source, and each must be refused at compile time with the
 * symbol and its line. The ones marked "passed the denylist" compiled before the Bytedeco
 * allowlist.
 */
class HostileExperimentTest {
  private static final ExperimentCompiler COMPILER = ExperimentCompiler.forThisJvm();

  /** An experiment with extra class members and a train method body. */
  static String hostile(String imports, String members, String body) {
    return (imports == null ? "" : imports)
        + "\nimport dev.swarmledger.trainer.experiment.*;\n"
        + "import dev.swarmledger.trainer.experiment.gpt.*;\n"
        + "import org.bytedeco.pytorch.*;\n"
        + "import org.bytedeco.pytorch.global.torch;\n"
        + "public class Probe implements Experiment<Gpt> {\n"
        + (members == null ? "" : members)
        + "\n  public Gpt model(ModelContext context) { return new Gpt(GptConfig.of(1, 16, 2), context); }\n"
        + "  public void train(Gpt model, TrainingLoop loop) {\n"
        + (body == null ? "" : body)
        + "\n  }\n}\n";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Bytedeco members that read files, the environment or raw memory.
        "passed the denylist: torch.from_file_out reads the validation split into a tensor | | | Tensor v = torch.from_file_out(torch.zeros(1), \"validation.bin\"); | torch.from_file_out",
        "passed the denylist: torch.torch_from_file reads a file | | | Tensor v = torch.torch_from_file(\"validation.bin\"); | torch.torch_from_file",
        "passed the denylist: torch.get_env reads the environment | | | Object home = torch.get_env(\"HOME\"); | torch.get_env",
        "passed the denylist: torch.set_env changes the environment | | | torch.set_env(\"OMP_NUM_THREADS\", \"64\"); | torch.set_env",
        "passed the denylist: torch.exportMemoryProfile writes a file | | | torch.exportMemoryProfile(\"/tmp/profile\"); | torch.exportMemoryProfile",
        "passed the denylist: torch.manual_seed reseeds behind the harness | | | torch.manual_seed(7); | torch.manual_seed",
        "passed the denylist: a BytePointer holds a file name | | | org.bytedeco.javacpp.BytePointer name = new org.bytedeco.javacpp.BytePointer(\"validation.bin\"); | org.bytedeco.javacpp.BytePointer",
        "passed the denylist: from_blob wraps raw native memory | | | Tensor raw = torch.from_blob(new org.bytedeco.javacpp.LongPointer(1L), 1_000_000L); | torch.from_blob",
        "passed the denylist: getPointer walks past a tensor | | | Tensor far = torch.zeros(1).getPointer(100_000); | Tensor.getPointer",
        "passed the denylist: position moves a tensor's address | | | Tensor moved = torch.zeros(1).position(100_000); | Tensor.position",
        "passed the denylist: a cast constructor reinterprets any object | | | Tensor cast = new Tensor(model.module()); | Tensor.<init>",
        "passed the denylist: an ArrayRef over a freed copy | | | LongArrayRef dangling = new LongArrayRef(new long[] {1}, 1_000_000L); | LongArrayRef.<init>",
        "passed the denylist: storage gives the raw bytes | | | long n = torch.zeros(1).storage().nbytes(); | org.bytedeco.pytorch.Storage",
        "passed the denylist: a raw indexer over tensor memory | | | Object indexer = torch.zeros(1).createIndexer(); | createIndexer",
        "passed the denylist: Pointer statics read the harness memory limit | | | long limit = org.bytedeco.javacpp.Pointer.maxPhysicalBytes(); | org.bytedeco.javacpp.Pointer.maxPhysicalBytes",
        "passed the denylist: a Module subclass moves its own address | | static class Moved extends org.bytedeco.pytorch.Module { void move() { position = 1_000; limit = 2_000; } } | | org.bytedeco.javacpp.Pointer.position",
        "passed the denylist: a CUDA global | | | org.bytedeco.pytorch.global.torch_cuda.getNumGPUs(); | org.bytedeco.pytorch.global.torch_cuda",
        "passed the denylist: a method reference to a torch file reader | | | java.util.function.Function<String, Tensor> read = torch::torch_from_file; | torch.torch_from_file",
        "passed the denylist: a static import of the environment reader | import static org.bytedeco.pytorch.global.torch.get_env; | | | torch.get_env",
        "passed the denylist: var hides the type of a file read | | | var v = torch.from_file_out(torch.zeros(1), \"validation.bin\"); | torch.from_file_out",
        "passed the denylist: an inner class reads the environment | | static class Env { static Object home() { return torch.get_env(\"HOME\"); } } | | torch.get_env",
        "passed the denylist: a static initialiser reads a file | | static { torch.torch_from_file(\"validation.bin\"); } | | torch.torch_from_file",
        "passed the denylist: an anonymous class reads a file | | | Object o = new Object() { @Override public String toString() { return torch.torch_from_file(\"validation.bin\").toString(); } }; | torch.torch_from_file",
        "passed the denylist: a lambda reads a file | | | java.util.function.Supplier<Tensor> s = () -> torch.torch_from_file(\"validation.bin\"); | torch.torch_from_file",
        "passed the denylist: unicode escapes spell a file reader | | | Tensor v = torch.torch\\u005ffrom\\u005ffile(\\u0022validation.bin\\u0022); | torch.torch_from_file",
        "a JavaCPP function pointer is a native callback | | static class Callback extends org.bytedeco.javacpp.FunctionPointer { } | | org.bytedeco.javacpp.FunctionPointer",
        "an optimiser saves itself | | | new AdamW(new TensorVector(), new AdamWOptions()).save(null); | AdamW.save",
        // Java escapes: still refused, now pinned down.
        "System.getenv | | | String home = System.getenv(\"HOME\"); | java.lang.System",
        "unicode escapes spell System | | | S\\u0079stem.exit(0); | java.lang.System",
        "Class.forName | | | try { Class.forName(\"java.io.File\"); } catch (Exception e) { } | java.lang.Class",
        "a method handle | | | Object l = java.lang.invoke.MethodHandles.lookup(); | java.lang.invoke.MethodHandles",
        "ProcessBuilder | | | try { new ProcessBuilder(\"cat\", \"validation.bin\").start(); } catch (Exception e) { } | java.lang.ProcessBuilder",
        "java.net | | | try { new java.net.URL(\"http://example.org\").openStream(); } catch (Exception e) { } | java.net.URL",
        "a thread | | | new Thread(() -> { }).start(); | java.lang.Thread",
        "an executor | | | java.util.concurrent.Executors.newSingleThreadExecutor(); | java.util.concurrent.Executors",
        "Runtime | | | Runtime.getRuntime().halt(0); | java.lang.Runtime",
        "a lambda exits | | | Runnable r = () -> System.exit(0); | java.lang.System",
        "a method reference exits | | | java.util.function.IntConsumer exit = System::exit; | java.lang.System",
        "a method reference to getClass | | | java.util.function.Function<Object, Object> k = Object::getClass; | java.lang.Object.getClass",
        "reflection through getClass | | | Object m = model.getClass().getDeclaredMethods(); | java.lang.Object.getClass",
        "a static initialiser exits | | static { System.exit(3); } | | java.lang.System",
        "an annotation processor type | | @javax.annotation.processing.SupportedAnnotationTypes(\"*\") static class P { } | | javax.annotation.processing",
        "JavaCPP Loader | | | org.bytedeco.javacpp.Loader.loadLibrary(\"c\"); | org.bytedeco.javacpp.Loader",
        "a parallel stream | | | java.util.stream.IntStream.range(0, 9).parallel().sum(); | parallel",
        "a zip file | | | try { new java.util.zip.ZipFile(\"validation.bin\"); } catch (Exception e) { } | java.util.zip.ZipFile",
      })
  void refusesWithTheSymbolAndLine(
      String what, String imports, String members, String body, String symbol) {
    String source = hostile(imports, members, body);
    assertThatThrownBy(() -> COMPILER.compile(source))
        .as(what)
        .isInstanceOfSatisfying(
            SourceRefusedException.class,
            e ->
                assertThat(e.refusals())
                    .as(what)
                    .anySatisfy(
                        r -> {
                          assertThat(r.symbol()).contains(symbol);
                          assertThat(r.line()).isGreaterThan(0);
                        }));
  }

  @Test
  void allowsTheReviewedMembersAnExperimentNeeds() throws Exception {
    // The other side of every refusal above: ordinary model code still compiles.
    String members =
        "static class Head extends org.bytedeco.pytorch.Module {\n"
            + "  final Linear proj = register_module(\"proj\", new Linear(16, 16));\n"
            + "  Tensor forward(Tensor x) { return proj.forward(x); }\n"
            + "}";
    String body =
        "Tensor a = torch.randn(2, 3);\n"
            + "Tensor b = torch.cat(new TensorVector(a, a), 0);\n"
            + "Tensor g = torch.gelu(b, \"tanh\");\n"
            + "Tensor s = torch.scatter_reduce(a, 1, torch.zeros(2, 3).to(torch.ScalarType.Long), a, \"amax\");\n"
            + "Device cpu = new Device(\"cpu\");\n"
            + "String shown = g.toString() + a.sizes().get(0);\n"
            + "try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {\n"
            + "  Tensor t = torch.ones(2).retainReference();\n"
            + "  t.close();\n"
            + "}\n"
            + "Head head = new Head();\n"
            + "while (loop.hasNext()) { loop.next(1); }";
    assertThat(COMPILER.compile(hostile("", members, body)).className()).isEqualTo("Probe");
  }
}
