package dev.swarmledger.cli;

import dev.swarmledger.client.ApiException;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The exit codes of every {@code swarm} command, in one place (docs/agents.md lists them): an agent
 * branches on these, never on text.
 */
final class ExitCodes {
  /** Done. */
  static final int OK = 0;

  /** Bad usage or bad input: an unknown option, a missing or malformed file or value. */
  static final int USAGE = 1;

  /** The node or the rules refused; {@code error: CODE ...} on stderr names the stable code. */
  static final int REFUSED = 2;

  /** The node could not be reached (or answered that it is unavailable). */
  static final int UNREACHABLE = 3;

  /** What was asked for does not exist (yet): an unknown result, job or track, no best yet. */
  static final int NOT_FOUND = 4;

  /**
   * The work ran and failed: a void run, a rejected result, a failed job, a log or audit check that
   * did not pass.
   */
  static final int FAILED = 5;

  /** This machine cannot do it safely (no containment, non-deterministic kernels). */
  static final int HOST_UNFIT = 6;

  /** Waited as asked ({@code --wait}) and it had not ended when the time was up. */
  static final int TIMED_OUT = 7;

  /** A bug: an unexpected exception (reported in one line). */
  static final int INTERNAL = 70;

  private ExitCodes() {}

  /** Thrown when what was asked for does not exist: exit {@link #NOT_FOUND}. */
  static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message);
    }
  }

  /** The code for a failure, and the one line that explains it on stderr. */
  static int of(Exception e) {
    if (e instanceof ApiException api) {
      if (api.transientFailure() && api.status() != 429) {
        return UNREACHABLE;
      }
      return api.status() == 404 || api.is(ErrorCode.NOT_FOUND) ? NOT_FOUND : REFUSED;
    }
    if (e instanceof Missing) {
      return NOT_FOUND;
    }
    if (e instanceof Rejection r) {
      return r.code().httpStatus() == 404 ? NOT_FOUND : REFUSED;
    }
    if (e instanceof IllegalArgumentException
        || e instanceof picocli.CommandLine.ParameterException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      return USAGE;
    }
    if (e instanceof IllegalStateException) {
      return FAILED;
    }
    return INTERNAL;
  }
}
