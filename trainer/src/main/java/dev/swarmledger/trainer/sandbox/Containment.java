package dev.swarmledger.trainer.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * How the operating system shuts a child JVM in: it wraps the child's {@code java} command line.
 * The run record keeps its {@link #name()}, so a result produced without containment says so.
 */
public sealed interface Containment permits Bubblewrap, Containment.None {
  /** No containment: the child sees the whole host. For development only. */
  Containment NONE = new None();

  /** {@code bubblewrap} or {@code none}, as recorded in run records. */
  String name();

  /** Whether the child runs in its own namespaces, seeing only what it is given. */
  default boolean isolates() {
    return !(this instanceof None);
  }

  /** The command that runs {@code javaCommand} so that it sees only {@code view}. */
  List<String> wrap(ChildView view, List<String> javaCommand);

  /**
   * Bubblewrap if this host can create its sandbox (checked once per JVM by running a sandboxed
   * {@code true}), else {@link #NONE}; callers decide whether none is acceptable.
   */
  static Containment fromEnvironment() {
    return Bubblewrap.onThisHost().map(b -> (Containment) b).orElse(NONE);
  }

  /** Why bubblewrap cannot be used on this host, if it cannot. */
  static Optional<String> problem() {
    return Bubblewrap.hostProblem();
  }

  /** The child runs as an ordinary process of this user. */
  record None() implements Containment {
    @Override
    public String name() {
      return "none";
    }

    @Override
    public List<String> wrap(ChildView view, List<String> javaCommand) {
      return List.copyOf(javaCommand);
    }
  }
}
