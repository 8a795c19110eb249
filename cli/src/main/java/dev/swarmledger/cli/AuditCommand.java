package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.Auditor;
import dev.swarmledger.protocol.api.ResultView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code swarm audit}: verify the log, replay it, and compare every balance and best. */
@Command(
    name = "audit",
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
    public Integer call() throws Exception {
      LedgerClient client = node.client();
      ResultView r =
          client.result(id).orElseThrow(() -> new IllegalArgumentException("unknown result " + id));
      var claimed = r.run();
      double tolerance = client.track(r.track()).map(t -> t.spec().tolerance()).orElse(0.0);
      System.out.printf(
          "re-running result #%d: %s, seed %d, %d steps, %d threads (claimed val_bpb %.6f, status %s)%n",
          id,
          r.track(),
          r.seed(),
          r.steps(),
          claimed.threads(),
          claimed.valBpb(),
          r.status().wireName());
      var trainer =
          new dev.swarmledger.trainer.Trainer(
              dev.swarmledger.trainer.TrainerSettings.fromEnvironment(true));
      var mine =
          trainer.run(
              new dev.swarmledger.trainer.run.RunSpec(
                  r.track(),
                  r.source().orElseThrow(),
                  r.seed(),
                  dev.swarmledger.trainer.run.Budget.steps(r.steps()),
                  claimed.threads()),
              ProgressBars.training("re-run #" + id));
      var verdict =
          dev.swarmledger.protocol.results.VerdictRule.judge(
              claimed,
              mine.valBpb(),
              mine.flops(),
              dev.swarmledger.protocol.crypto.Hash.fromHex(mine.finalParamHash()),
              dev.swarmledger.trainer.harness.HardwareClass.of(mine.device()),
              tolerance);
      System.out.printf(
          "re-run val_bpb %.6f, parameter hash %s%nverdict: %s%n",
          mine.valBpb(), mine.finalParamHash(), verdict.wireName());
      return verdict.agrees() ? 0 : 1;
    }
  }
}
