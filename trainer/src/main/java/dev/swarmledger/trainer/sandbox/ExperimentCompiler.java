package dev.swarmledger.trainer.sandbox;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.swarmledger.trainer.experiment.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one experiment source file in memory (javax.tools), refuses it if it names anything
 * outside {@link SourcePolicy}, and checks it declares exactly one public top-level class
 * implementing {@link Experiment} with a public no-argument constructor. No experiment code runs
 * here.
 */
public final class ExperimentCompiler {
  private final String classPath;

  /** A compiler that resolves against {@code classPath} (the trainer API and Bytedeco PyTorch). */
  public ExperimentCompiler(String classPath) {
    this.classPath = classPath;
  }

  /** A compiler using this JVM's class path. */
  public static ExperimentCompiler forThisJvm() {
    return new ExperimentCompiler(System.getProperty("java.class.path"));
  }

  public CompiledExperiment compile(String source)
      throws SourceRefusedException, CompilationFailedException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no Java compiler in this runtime: run on a JDK, not a JRE");
    }
    String className = publicClassName(compiler, source);
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    MemoryFileManager files = new MemoryFileManager(standard);
    List<String> options =
        List.of("--release", "17", "-proc:none", "-g", "-classpath", classPath, "-Xlint:none");
    JavacTask task =
        (JavacTask)
            compiler.getTask(
                null, files, diagnostics, options, null, List.of(new Source(simpleName, source)));
    try {
      Iterable<? extends CompilationUnitTree> units = task.parse();
      task.analyze();
      // Refusals come first: a forbidden symbol matters more than a type error next to it.
      Trees trees = Trees.instance(task);
      List<Refusal> refusals = new ArrayList<>();
      TypeElement experimentType = null;
      for (CompilationUnitTree unit : units) {
        refusals.addAll(SourceChecker.check(trees, task.getElements(), task.getTypes(), unit));
        for (Tree declaration : unit.getTypeDecls()) {
          if (declaration instanceof ClassTree
              && ((ClassTree) declaration).getSimpleName().contentEquals(simpleName)) {
            experimentType = (TypeElement) trees.getElement(trees.getPath(unit, declaration));
          }
        }
      }
      if (!refusals.isEmpty()) {
        throw new SourceRefusedException(refusals);
      }
      failOnErrors(diagnostics);
      checkShape(experimentType, task, className);
      task.generate();
      failOnErrors(diagnostics);
    } catch (IOException e) {
      throw new CompilationFailedException(List.of("compiler I/O failure: " + e.getMessage()));
    }
    return new CompiledExperiment(className, files.classes(), sha256(source));
  }

  private static void checkShape(TypeElement type, JavacTask task, String className)
      throws CompilationFailedException {
    if (type == null || type.getKind() != ElementKind.CLASS) {
      throw new CompilationFailedException(List.of(className + " must be a class"));
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      throw new CompilationFailedException(List.of(className + " must not be abstract"));
    }
    Types types = task.getTypes();
    TypeElement api = task.getElements().getTypeElement(Experiment.class.getName());
    if (!types.isAssignable(types.erasure(type.asType()), types.erasure(api.asType()))) {
      throw new CompilationFailedException(
          List.of(className + " must implement " + Experiment.class.getName()));
    }
    boolean noArgs = false;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()
          && constructor.getModifiers().contains(Modifier.PUBLIC)) {
        noArgs = true;
      }
    }
    if (!noArgs) {
      throw new CompilationFailedException(
          List.of(className + " needs a public constructor without arguments"));
    }
  }

  /** Finds the fully qualified name of the single public top-level class, from a parse only. */
  private String publicClassName(JavaCompiler compiler, String source)
      throws CompilationFailedException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavacTask parser =
        (JavacTask)
            compiler.getTask(
                null,
                null,
                diagnostics,
                List.of("-proc:none"),
                null,
                List.of(new Source("Experiment", source)));
    List<String> names = new ArrayList<>();
    try {
      for (CompilationUnitTree unit : parser.parse()) {
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
        for (Tree declaration : unit.getTypeDecls()) {
          if (declaration instanceof ClassTree
              && ((ClassTree) declaration).getModifiers().getFlags().contains(Modifier.PUBLIC)) {
            names.add(pkg + ((ClassTree) declaration).getSimpleName());
          }
        }
      }
    } catch (IOException e) {
      throw new CompilationFailedException(List.of("cannot parse: " + e.getMessage()));
    }
    failOnErrors(diagnostics);
    if (names.size() != 1) {
      throw new CompilationFailedException(
          List.of("an experiment declares exactly one public top-level class; found " + names));
    }
    return names.get(0);
  }

  private static void failOnErrors(DiagnosticCollector<JavaFileObject> diagnostics)
      throws CompilationFailedException {
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    if (!errors.isEmpty()) {
      throw new CompilationFailedException(errors);
    }
  }

  static String sha256(String source) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The experiment source as a compilation unit named after its public class. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String simpleName, String text) {
      super(URI.create("string:///" + simpleName + ".java"), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** Keeps generated class files in memory. */
  private static final class MemoryFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();

    MemoryFileManager(StandardJavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          outputs.put(className, out);
          return out;
        }
      };
    }

    Map<String, byte[]> classes() {
      Map<String, byte[]> classes = new TreeMap<>();
      outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
      return classes;
    }
  }
}
