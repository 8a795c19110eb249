package dev.swarmledger.trainer.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The allowlist an experiment is held to: the experiment API, the reviewed part of Bytedeco PyTorch
 * ({@link BytedecoAllowlist}: tensor maths, autograd, {@code nn} modules, optimisers), {@code
 * java.lang} minus process, thread, reflection, class loading, system exit and I/O, and {@code
 * java.util} minus its threads, files, service loading and unseeded randomness.
 *
 * <p>It decides on symbols the compiler resolved, so aliases, static imports, inherited members and
 * fully qualified names are all seen for what they are.
 */
public final class SourcePolicy {
  private static final Set<String> API_PACKAGES =
      Set.of(
          "dev.swarmledger.trainer.experiment",
          "dev.swarmledger.trainer.experiment.gpt",
          "dev.swarmledger.trainer.experiment.optim");

  private static final Set<String> OPEN_PACKAGES =
      Set.of("java.util", "java.util.function", "java.util.stream", "java.util.regex");

  private static final Set<String> DENIED_JAVA_LANG =
      Set.of(
          "Process",
          "ProcessBuilder",
          "ProcessHandle",
          "Runtime",
          "System",
          "Thread",
          "ThreadGroup",
          "ThreadLocal",
          "InheritableThreadLocal",
          "ClassLoader",
          "Class",
          "ClassValue",
          "Module",
          "ModuleLayer",
          "Package",
          "StackWalker",
          "SecurityManager",
          "Compiler",
          "RuntimePermission",
          "ScopedValue",
          "VirtualThread");

  private static final Set<String> DENIED_JAVA_UTIL =
      Set.of(
          "Timer",
          "TimerTask",
          "ServiceLoader",
          "ResourceBundle",
          "PropertyResourceBundle",
          "ListResourceBundle",
          "Formatter",
          "Scanner",
          "Properties",
          "PropertyPermission",
          "Date",
          "Calendar",
          "GregorianCalendar",
          "TimeZone",
          "SimpleTimeZone",
          "Currency");

  private SourcePolicy() {}

  /**
   * Why a reference to {@code member} (empty for a reference to the type itself) of {@code type} in
   * {@code pkg} is refused, or empty if it is allowed. {@code parameters} are the erased parameter
   * types of a method or constructor ({@code java.lang.String}, {@code long[]}); empty for a field,
   * a type, or a static import, whose uses are checked again where they are called. Types the
   * experiment declares itself are not passed here.
   */
  public static Optional<String> refusal(
      String pkg, String type, String member, List<String> parameters) {
    String topType = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
    if (API_PACKAGES.contains(pkg)) {
      if (pkg.equals("dev.swarmledger.trainer.experiment") && topType.equals("FlopCounter")) {
        return Optional.of("the FLOP counter belongs to the harness");
      }
      return Optional.empty();
    }
    if (pkg.equals("java.lang")) {
      if (DENIED_JAVA_LANG.contains(topType)) {
        return Optional.of(javaLangReason(topType));
      }
      if (topType.equals("Object") && member.equals("getClass")) {
        return Optional.of("reflection is not allowed");
      }
      if ((topType.equals("Math") || topType.equals("StrictMath")) && member.equals("random")) {
        return Optional.of("unseeded randomness breaks replay; use torch's seeded generator");
      }
      if (Set.of("Integer", "Long", "Boolean").contains(topType)
          && Set.of("getInteger", "getLong", "getBoolean").contains(member)) {
        return Optional.of("system properties are not readable from an experiment");
      }
      return Optional.empty();
    }
    if (OPEN_PACKAGES.contains(pkg)) {
      if (DENIED_JAVA_UTIL.contains(topType)) {
        return Optional.of("java.util." + topType + " reads files, starts threads or the clock");
      }
      if (member.startsWith("parallel")) {
        return Optional.of("parallel streams and sorts start threads");
      }
      if ((topType.equals("Random") || topType.equals("SplittableRandom"))
          && member.equals("<init>()")) {
        return Optional.of("unseeded randomness breaks replay; pass a seed");
      }
      if (topType.equals("UUID") && member.equals("randomUUID")) {
        return Optional.of("unseeded randomness breaks replay");
      }
      return Optional.empty();
    }
    if (pkg.startsWith("org.bytedeco.")) {
      return BytedecoAllowlist.refusal(pkg, type, member, parameters);
    }
    return Optional.of(pkg + " is outside the experiment allowlist");
  }

  /** Why a wildcard import of {@code pkg} is refused, or empty. */
  public static Optional<String> packageRefusal(String pkg) {
    if (API_PACKAGES.contains(pkg)
        || OPEN_PACKAGES.contains(pkg)
        || pkg.equals("java.lang")
        || pkg.equals("org.bytedeco.pytorch")
        || pkg.equals("org.bytedeco.pytorch.global")
        || pkg.equals("org.bytedeco.javacpp")) {
      return Optional.empty();
    }
    return Optional.of(pkg + " is outside the experiment allowlist");
  }

  private static String javaLangReason(String type) {
    switch (type) {
      case "Process":
      case "ProcessBuilder":
      case "ProcessHandle":
        return "processes are not allowed";
      case "Runtime":
      case "System":
        return "java.lang."
            + type
            + " gives process exit, environment and I/O, which are not allowed";
      case "Thread":
      case "ThreadGroup":
      case "ThreadLocal":
      case "InheritableThreadLocal":
      case "VirtualThread":
      case "ScopedValue":
        return "threads are not allowed";
      case "ClassLoader":
      case "Module":
      case "ModuleLayer":
      case "Package":
        return "class loading is not allowed";
      default:
        return "reflection is not allowed";
    }
  }
}
