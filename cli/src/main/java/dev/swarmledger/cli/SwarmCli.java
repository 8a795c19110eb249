package dev.swarmledger.cli;

import dev.swarmledger.client.ApiException;
import dev.swarmledger.protocol.Rejection;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single {@code swarm} command: wires the modules into subcommands. */
@Command(
    name = "swarm",
    mixinStandardHelpOptions = true,
    version = "swarm 0.1.0",
    description = "SwarmLedger: verifiable collaborative ML research on a signed Merkle log.",
    subcommands = {
      CommandLine.HelpCommand.class,
      KeygenCommand.class,
      NodeCommand.class,
      WitnessCommand.class,
      MirrorCommand.class,
      RegisterCommand.class,
      RunCommand.class,
      LogCommand.class,
      ThinkCommand.class,
      ClaimCommand.class,
      HypothesisCommand.class,
      BestCommand.class,
      LeaderboardCommand.class,
      BalanceCommand.class,
      TransferCommand.class,
      AuditCommand.class,
      OperatorCommand.class,
      AnchorCommand.class,
      TrackCommand.class,
      PublishCommand.class,
      ContributeCommand.class,
      VerifierCommand.class,
      JobCommand.class,
      WorkerCommand.class,
      DoctorCommand.class,
      DemoCommand.class
    })
public final class SwarmCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new SwarmCli()).setExecutionExceptionHandler(SwarmCli::report);
  }

  /** Prints a failure as one line a person (or an agent) can act on; no stack traces. */
  private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof ApiException api) {
      cmd.getErr()
          .println(
              "error: "
                  + api.wireCode()
                  + (api.status() > 0 ? " (HTTP " + api.status() + ")" : "")
                  + ": "
                  + api.getMessage());
      return 2;
    }
    if (e instanceof Rejection r) {
      cmd.getErr().println("error: " + r.code().code() + ": " + r.getMessage());
      return 2;
    }
    if (e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof UncheckedIOException) {
      cmd.getErr().println("error: " + e.getMessage());
      return 2;
    }
    cmd.getErr().println("error: unexpected " + e);
    return 3;
  }
}
