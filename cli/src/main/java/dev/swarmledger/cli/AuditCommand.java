package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.Auditor;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.sandbox.Containment;
import dev.swarmledger.verifier.ResultReRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code swarm audit}: verify the log, replay it, and compare every balance and best. */
@Command(
    name = "audit",
    subcommands = AuditCommand.ResultAudit.class,
    description =
        "Download the whole log, check every signature and proof, replay the rules and compare every balance and best with the node.")
final class AuditCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Mixin LogTrust trust;

  @Override
  public Integer call() {
    LedgerClient client = node.client();
    return trust.verify(
        client,
        node.node,
        (key, seen) -> {
          Auditor.Report r =
              new Auditor(client, key).audit(seen, line -> System.out.println("  " + line));
          return new LogTrust.Verified(
              r.checkpoint(),
              r.note(),
              "audit passed at size " + r.checkpoint().size() + "; state root " + r.stateRoot());
        });
  }

  /** {@code swarm audit result ID}: re-run one claimed result locally and compare. */
  @Command(
      name = "result",
      description = "Re-run one published result on this machine and compare with its claim.")
  static final class ResultAudit implements Callable<Integer> {
    @Mixin NodeOptions node;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "ID", description = "Result id.")
    long id;

    @Override
    public Integer call() {
      LedgerClient client = node.client();
      Trainer trainer = new Trainer(TrainerSettings.fromEnvironment(true));
      if (!trainer.settings().containment().isolates()) {
        System.err.println(
            "warning: this re-run is NOT contained (" + Containment.problem().orElse("none") + ")");
      }
      ResultReRun reRun = new ResultReRun(client, trainer);
      ResultView r = reRun.fetch(id);
      System.out.printf(
          "re-running result #%d: %s, seed %d, %d steps, %d threads (claimed val_bpb %.6f, status %s)%n",
          id,
          r.track(),
          r.seed(),
          r.steps(),
          r.run().threads(),
          r.run().valBpb(),
          r.status().wireName());
      ResultReRun.Outcome outcome = reRun.run(r, ProgressBars.training("re-run #" + id));
      AttestationSubmit verdict = outcome.verdict();
      System.out.printf(
          "re-run val_bpb %.6f, parameter hash %s%nverdict: %s%s%n",
          verdict.valBpb(),
          verdict.finalParamHash().hex(),
          verdict.verdict().wireName(),
          verdict.reason().map(x -> " (" + x + ")").orElse(""));
      return verdict.verdict().agrees() ? 0 : 1;
    }
  }
}
