package dev.swarmledger.trainer.sandbox;

import dev.swarmledger.trainer.experiment.Experiment;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * An experiment that passed the allowlist and compiled: its class name, its class files, and the
 * SHA-256 of its source. Nothing of it runs until {@link #instantiate} is called (only in child
 * processes).
 */
public final class CompiledExperiment {
  private static final int MAGIC = 0x53574358; // "SWCX"

  private final String className;
  private final Map<String, byte[]> classes;
  private final String sourceSha256;

  public CompiledExperiment(String className, Map<String, byte[]> classes, String sourceSha256) {
    this.className = className;
    this.classes = Map.copyOf(classes);
    this.sourceSha256 = sourceSha256;
  }

  public String className() {
    return className;
  }

  public String sourceSha256() {
    return sourceSha256;
  }

  /** Loads the classes into a fresh class loader and calls the public no-argument constructor. */
  public Experiment<?> instantiate() throws ReflectiveOperationException {
    ClassLoader loader = new ExperimentClassLoader(classes, Experiment.class.getClassLoader());
    Class<?> type = Class.forName(className, false, loader);
    if (!Experiment.class.isAssignableFrom(type)) {
      throw new ClassCastException(className + " does not implement Experiment");
    }
    try {
      return (Experiment<?>) type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  public void write(Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(MAGIC);
      out.writeUTF(className);
      out.writeUTF(sourceSha256);
      Map<String, byte[]> sorted = new TreeMap<>(classes);
      out.writeInt(sorted.size());
      for (Map.Entry<String, byte[]> entry : sorted.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeInt(entry.getValue().length);
        out.write(entry.getValue());
      }
    }
  }

  public static CompiledExperiment read(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a compiled experiment: " + file);
      }
      String className = in.readUTF();
      String sha = in.readUTF();
      int count = in.readInt();
      Map<String, byte[]> classes = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        classes.put(name, bytes);
      }
      return new CompiledExperiment(className, classes, sha);
    }
  }

  /** Defines only the experiment's own classes; everything else comes from the harness's loader. */
  private static final class ExperimentClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    ExperimentClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super("experiment", parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
