package dev.swarmledger.cli;

import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
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
    description = "Operator actions: grant or revoke the verifier and worker roles.",
    subcommands = {
      OperatorCommand.Grant.class,
      OperatorCommand.Revoke.class,
      OperatorCommand.GrantWorker.class,
      OperatorCommand.RevokeWorker.class
    })
final class OperatorCommand implements Runnable {
  @Override
  public void run() {
    System.out.println(
        "usage: swarm operator grant-verifier|revoke-verifier|grant-worker|revoke-worker ...");
  }

  /** {@code swarm operator grant-verifier}. */
  @Command(
      name = "grant-verifier",
      description = "Make an account a verifier for a hardware class.")
  static final class Grant implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Mixin JsonOption out;

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
      var s =
          node.session()
              .submit(new VerifierGrant(TxCodec.accountId(account, "--account"), hardwareClass));
      out.print(
          JsonOption.leaf(s).put("account", account).put("hardware_class", hardwareClass),
          "granted verifier (" + hardwareClass + ") to " + account);
      return 0;
    }
  }

  /** {@code swarm operator revoke-verifier}. */
  @Command(name = "revoke-verifier", description = "Remove the verifier role.")
  static final class Revoke implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Mixin JsonOption out;

    @Option(names = "--account", required = true, description = "Account id.")
    String account;

    @Override
    public Integer call() {
      var s = node.session().submit(new VerifierRevoke(TxCodec.accountId(account, "--account")));
      out.print(JsonOption.leaf(s).put("account", account), "revoked verifier role of " + account);
      return 0;
    }
  }

  /** {@code swarm operator grant-worker}. */
  @Command(
      name = "grant-worker",
      description = "Let an account lease and run swarm jobs, on a hardware class.")
  static final class GrantWorker implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Mixin JsonOption out;

    @Option(names = "--account", required = true, description = "Account id.")
    String account;

    @Option(
        names = "--hardware-class",
        required = true,
        description =
            "The hardware class the worker's harness measured (`swarm doctor` on its machine):"
                + " its completions must carry exactly this class, and a verifier of the same"
                + " class re-runs them.")
    String hardwareClass;

    @Override
    public Integer call() {
      var s =
          node.session()
              .submit(new WorkerGrant(TxCodec.accountId(account, "--account"), hardwareClass));
      out.print(
          JsonOption.leaf(s).put("account", account).put("hardware_class", hardwareClass),
          "granted worker (" + hardwareClass + ") to " + account);
      return 0;
    }
  }

  /** {@code swarm operator revoke-worker}. */
  @Command(
      name = "revoke-worker",
      description = "Remove the worker role; a job it runs is offered again.")
  static final class RevokeWorker implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Mixin JsonOption out;

    @Option(names = "--account", required = true, description = "Account id.")
    String account;

    @Override
    public Integer call() {
      var s = node.session().submit(new WorkerRevoke(TxCodec.accountId(account, "--account")));
      out.print(JsonOption.leaf(s).put("account", account), "revoked worker role of " + account);
      return 0;
    }
  }
}
