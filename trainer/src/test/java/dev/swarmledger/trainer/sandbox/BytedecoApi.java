package dev.swarmledger.trainer.sandbox;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Bytedeco API as reflection sees it, and a judgement of which members are risky that is kept
 * apart from the policy's own on purpose: the tests compare the two.
 */
final class BytedecoApi {
  /** The I/O words of the project issue, plus a few more; matched against member names. */
  static final Pattern RISKY_NAME =
      Pattern.compile(
          "(?i).*(load|save|read|write|file|open|pickle|serializ|stream|path|mmap|from_file"
              + "|import|librar|dlopen|env|system|exec|socket|print|dump|archive).*");

  private BytedecoApi() {}

  /** One public method or constructor, in the form the policy is asked about. */
  record Member(Class<?> owner, Executable executable) {
    String pkg() {
      return outermost(owner).getPackageName();
    }

    /** {@code Tensor}, or {@code torch.ScalarType} for a nested type. */
    String type() {
      String canonical = owner.getCanonicalName();
      return canonical.substring(pkg().length() + 1);
    }

    boolean isConstructor() {
      return executable instanceof Constructor;
    }

    String name() {
      return isConstructor() ? "<init>" : executable.getName();
    }

    /** The member as SourceChecker names it: no-argument constructors are {@code <init>()}. */
    String policyMember() {
      return isConstructor() && executable.getParameterCount() == 0 ? "<init>()" : name();
    }

    List<String> parameters() {
      return Arrays.stream(executable.getParameterTypes())
          .map(Class::getCanonicalName)
          .collect(Collectors.toList());
    }

    Optional<String> refusal() {
      return SourcePolicy.refusal(pkg(), type(), policyMember(), parameters());
    }

    String reviewKey() {
      return type() + "." + name();
    }

    @Override
    public String toString() {
      return pkg() + "." + type() + "." + name() + parameters();
    }
  }

  /** Why {@code member} is risky, independently of the policy; empty if it is not. */
  static List<String> risks(Member member) {
    List<String> risks = new ArrayList<>();
    for (Class<?> parameter : member.executable().getParameterTypes()) {
      Class<?> element = parameter;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      String name = element.getName();
      if (element == String.class) {
        risks.add("String");
      } else if (name.startsWith("org.bytedeco.javacpp.")) {
        risks.add(element.getSimpleName() + " (native memory)");
      } else if (org.bytedeco.javacpp.FunctionPointer.class.isAssignableFrom(element)) {
        risks.add(element.getSimpleName() + " (native callback)");
      } else if (name.startsWith("java.io.")
          || name.startsWith("java.nio.")
          || name.startsWith("java.net.")) {
        risks.add(name);
      } else if (parameter.isArray() && (element == byte.class || element == char.class)) {
        risks.add(parameter.getSimpleName());
      }
    }
    if (RISKY_NAME.matcher(member.name()).matches()) {
      risks.add("name");
    }
    return risks;
  }

  /**
   * The public constructors and methods {@code type} declares (inherited ones are its parents').
   */
  static List<Member> members(Class<?> type) {
    List<Member> members = new ArrayList<>();
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (Modifier.isPublic(constructor.getModifiers())) {
        members.add(new Member(type, constructor));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
        members.add(new Member(type, method));
      }
    }
    return members;
  }

  /** Every class the policy lets an experiment name: the allowed types, torch and its enums. */
  static List<Class<?>> allowedClasses() {
    List<Class<?>> classes = new ArrayList<>();
    for (String type : new TreeSet<>(BytedecoAllowlist.types())) {
      classes.add(load(BytedecoAllowlist.TORCH + "." + type));
    }
    classes.add(load(BytedecoAllowlist.TORCH_GLOBAL + ".torch"));
    for (String nested : new TreeSet<>(BytedecoAllowlist.torchEnums())) {
      classes.add(load(BytedecoAllowlist.TORCH_GLOBAL + ".torch$" + nested));
    }
    return classes;
  }

  static Class<?> load(String binaryName) {
    try {
      return Class.forName(binaryName, false, BytedecoApi.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(binaryName + " is not on the class path", e);
    }
  }

  /** Binary names of every class in the jar that holds {@code anchor}. */
  static List<String> classesInJarOf(Class<?> anchor) throws IOException {
    Path jar;
    try {
      jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : file.stream().collect(Collectors.toList())) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF") && !name.contains("-info")) {
          names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    return names;
  }

  private static Class<?> outermost(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top;
  }
}
