package dev.swarmledger.cli;

import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm operator}: the operator's transactions (signed with the operator key). */
@Command(
    name = "operator",
    description = "Operator actions: grant or revoke the verifier role.",
    subcommands = {OperatorCommand.Grant.class, OperatorCommand.Revoke.class})
final class OperatorCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: swarm operator grant-verifier|revoke-verifier ...");
  }

  /** {@code swarm operator grant-verifier}. */
  @Command(
      name = "grant-verifier",
      description = "Make an account a verifier for a hardware class.")
  static final class Grant implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Option(names = "--account", required = true, description = "Account id.")
    String account;

    @Option(
        names = "--hardware-class",
        required = true,
        description =
            "The hardware class the verifier's harness measured: `swarm doctor` prints it on the"
                + " verifier's machine. Its attestations must carry exactly this class.")
    String hardwareClass;

    @Override
    public Integer call() {
      node.session()
          .submit(new VerifierGrant(TxCodec.accountId(account, "--account"), hardwareClass));
      System.out.println("granted verifier (" + hardwareClass + ") to " + account);
      return 0;
    }
  }

  /** {@code swarm operator revoke-verifier}. */
  @Command(name = "revoke-verifier", description = "Remove the verifier role.")
  static final class Revoke implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Option(names = "--account", required = true, description = "Account id.")
    String account;

    @Override
    public Integer call() {
      node.session().submit(new VerifierRevoke(TxCodec.accountId(account, "--account")));
      System.out.println("revoked verifier role of " + account);
      return 0;
    }
  }
}
