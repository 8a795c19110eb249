package dev.swarmledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single {@code swarm} command: wires the modules into subcommands. */
@Command(
    name = "swarm",
    mixinStandardHelpOptions = true,
    version = "swarm 0.1.0",
    description = "SwarmLedger: verifiable collaborative ML research on a signed Merkle log.",
    subcommands = {CommandLine.HelpCommand.class, RunCommand.class})
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
    return new CommandLine(new SwarmCli());
  }
}
