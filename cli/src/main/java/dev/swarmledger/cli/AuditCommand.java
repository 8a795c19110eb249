package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.AnchorAudit;
import dev.swarmledger.client.audit.Auditor;
import dev.swarmledger.contracts.ChainAnchors;
import dev.swarmledger.contracts.EthereumChain;
import dev.swarmledger.contributor.Publication;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunRecordJson;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.sandbox.Containment;
import dev.swarmledger.trainer.track.LedgerTracks;
import dev.swarmledger.verifier.ReRun;
import dev.swarmledger.verifier.ResultReRun;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm audit}: verify the log, replay it, and compare every balance and best. */
@Command(
    name = "audit",
    subcommands = {AuditCommand.ResultAudit.class, AuditCommand.RunAudit.class},
    description =
        "Download the whole log, check every signature and proof, replay the rules, check the"
            + " anchors (against the chain with --rpc) and compare every balance and best with the"
            + " node.")
final class AuditCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Mixin LogTrust trust;

  @Option(
      names = "--rpc",
      description =
          "Ethereum JSON-RPC URL: check every anchor.record against the chain (transaction, event,"
              + " the contract's anchors). Without it, anchors are checked against the log only.")
  String rpc;

  @Option(
      names = "--contract",
      description =
          "The operator's LedgerAnchor address: every anchor must be on it, and everything it"
              + " anchored for this log must agree with the log (needs --rpc).")
  String contract;

  @Override
  public Integer call() throws Exception {
    if (contract != null && rpc == null) {
      throw new IllegalArgumentException("--contract needs --rpc");
    }
    Optional<String> address = Optional.ofNullable(contract).map(AnchorCommand::address);
    LedgerClient client = node.client();
    try (EthereumChain chain = rpc == null ? null : EthereumChain.connect(rpc)) {
      AnchorAudit anchors =
          new AnchorAudit(Optional.ofNullable(chain).map(ChainAnchors::new), address);
      return audit(client, anchors);
    }
  }

  private int audit(LedgerClient client, AnchorAudit anchors) {
    return trust.verify(
        client,
        node.node,
        (key, seen) -> {
          Auditor.Report r = new Auditor(client, key, anchors).audit(seen, trust::progress);
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
      return verdict.verdict().agrees() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /**
   * {@code swarm audit run RUN.json EXPERIMENT.java}: re-run a local run record as a verifier would
   * (same source, seed, steps and threads, contained) and judge it by the protocol's verdict rule,
   * before publishing it or to check that two machines are of one class.
   */
  @Command(
      name = "run",
      description =
          "Re-run a local run record (from swarm run --json) as a verifier would and print the"
              + " verdict: exact, within_tolerance, mismatch, over_budget or failed.")
  static final class RunAudit implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "RUN.json", description = "Record.")
    java.nio.file.Path recordFile;

    @picocli.CommandLine.Parameters(
        index = "1",
        paramLabel = "EXPERIMENT.java",
        description = "The source the record ran (its SHA-256 must match).")
    java.nio.file.Path sourceFile;

    @picocli.CommandLine.Option(
        names = "--device",
        defaultValue = "auto",
        description = "auto, cpu or cuda (default: ${DEFAULT-VALUE})")
    String device;

    @picocli.CommandLine.Option(names = "--json", description = "print the attestation as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      RunRecord claimed = RunRecordJson.fromJson(java.nio.file.Files.readString(recordFile));
      String source = RunCommand.readSource(sourceFile, System.err);
      TrackSpec track =
          DefaultTracks.all().stream()
              .filter(t -> t.id().equals(claimed.track()))
              .findFirst()
              .orElse(null);
      if (track == null) {
        System.err.println(
            "audit run: "
                + claimed.track()
                + " is not a default track; re-run ledger results with swarm audit result ID");
        return ExitCodes.USAGE;
      }
      Trainer trainer =
          LedgerTracks.covering(
              new Trainer(
                  TrainerSettings.fromEnvironment(true)
                      .withDevice(Backend.Preference.parse(device))),
              track);
      RunRecord mine;
      try {
        mine =
            trainer.run(
                RunSpec.replay(claimed, source), ProgressBars.training("re-run " + recordFile));
      } catch (TrainerException e) {
        System.err.println("audit run: the re-run failed: " + e.getMessage());
        System.out.println(json ? "{\"verdict\":\"failed\"}" : "verdict: failed");
        return ExitCodes.FAILED;
      }
      AttestationSubmit verdict =
          ReRun.attest(
              0, Publication.summary(claimed), mine, track.tolerance(), track.budgetFlops());
      if (json) {
        Json.print(
            Json.object()
                .put("verdict", verdict.verdict().wireName())
                .put("val_bpb", mine.valBpb())
                .put("final_param_hash", mine.finalParamHash())
                .put("hardware_class", mine.hardwareClass())
                .put("claimed_hardware_class", claimed.hardwareClass()));
      } else {
        System.out.printf(
            "re-run val_bpb %s, parameter hash %s, class %s%nverdict: %s%s%n",
            mine.valBpb(),
            mine.finalParamHash(),
            mine.hardwareClass(),
            verdict.verdict().wireName(),
            verdict.reason().map(x -> " (" + x + ")").orElse(""));
      }
      return verdict.verdict().agrees() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
