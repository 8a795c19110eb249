package dev.swarmledger.cli;

import dev.swarmledger.client.ApiException;
import dev.swarmledger.protocol.Rejection;
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
      DemoCommand.class,
      ResultCommand.class,
      TracksCommand.class,
      SuggestCommand.class
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
    return new CommandLine(new SwarmCli())
        .setExecutionExceptionHandler(SwarmCli::report)
        .setParameterExceptionHandler(SwarmCli::usage);
  }

  /** A usage error: one line, where to get help, and {@link ExitCodes#USAGE}. */
  private static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("error: usage: " + e.getMessage());
    cmd.getErr().println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
    return ExitCodes.USAGE;
  }

  /**
   * Prints a failure as one line a person (or an agent) can act on, no stack traces, and returns
   * its {@link ExitCodes exit code}.
   */
  private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    int code = ExitCodes.of(e);
    if (e instanceof ApiException api) {
      cmd.getErr()
          .println(
              "error: "
                  + api.wireCode()
                  + (api.status() > 0 ? " (HTTP " + api.status() + ")" : "")
                  + ": "
                  + api.getMessage()
                  + api.conflict().stream()
                      .mapToObj(c -> " (conflicts with #" + c + ")")
                      .findFirst()
                      .orElse(""));
    } else if (e instanceof Rejection r) {
      cmd.getErr().println("error: " + r.code().code() + ": " + r.getMessage());
    } else if (code != ExitCodes.INTERNAL) {
      cmd.getErr().println("error: " + e.getMessage());
    } else {
      cmd.getErr().println("error: unexpected " + e);
    }
    return code;
  }
}
