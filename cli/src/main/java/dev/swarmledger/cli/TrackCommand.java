package dev.swarmledger.cli;

import dev.swarmledger.protocol.api.TrackJson;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm track}: the tracks on the ledger, and {@code create} for the operator. */
@Command(
    name = "track",
    description = "List the ledger's tracks, or create one (operator).",
    subcommands = {TrackCommand.ListTracks.class, TrackCommand.Create.class})
final class TrackCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: swarm track list|create ...");
  }

  /** {@code swarm track list}. */
  @Command(name = "list", description = "The tracks on the ledger, with their budgets and bests.")
  static class ListTracks implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Option(names = "--json", description = "Print the API's JSON (an array).")
    boolean json;

    @Override
    public Integer call() {
      List<TrackView> tracks = node.client().tracks();
      if (json) {
        Json.print(Json.array(tracks, TrackJson::encode));
        return 0;
      }
      for (TrackView t : tracks) {
        TrackSpec s = t.spec();
        System.out.printf(
            "%s  workload %s, budget %,d FLOPs, tolerance %s, min improvement %s, best %s%n",
            s.id(),
            s.workload(),
            s.budgetFlops(),
            s.tolerance(),
            s.minImprovement(),
            t.best().map(b -> String.format("%.6f (#%d)", b.valBpb(), b.result())).orElse("none"));
      }
      return 0;
    }
  }

  /** {@code swarm track create}: signed with the operator key. */
  @Command(name = "create", description = "Create a track (operator key).")
  static final class Create implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Option(names = "--id", required = true, description = "Track id: lowercase, digits, . _ -.")
    String id;

    @Option(
        names = "--workload",
        defaultValue = "gpt-bytes",
        description = "Trainer workload (default ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--data-url", required = true, description = "Where the data set is fetched.")
    String url;

    @Option(names = "--data-sha256", required = true, description = "SHA-256 of the data.")
    String sha256;

    @Option(names = "--data-bytes", required = true, description = "Length of the data in bytes.")
    long bytes;

    @Option(
        names = "--zip-entry",
        description =
            "When the URL is a zip archive: the entry holding the data (with --zip-sha256).")
    String zipEntry;

    @Option(names = "--zip-sha256", description = "SHA-256 of the zip archive itself.")
    String zipSha256;

    @Option(
        names = "--train-bytes",
        description =
            "An exact split (with --validation-bytes): the first N bytes train; default the"
                + " workload's (90% train, the rest validates).")
    Long trainBytes;

    @Option(
        names = "--validation-bytes",
        description = "The bytes after the training split that are scored; the rest is held out.")
    Long validationBytes;

    @Option(
        names = "--budget-flops",
        required = true,
        description = "Training FLOPs a result may spend, as the harness counts them.")
    long budgetFlops;

    @Option(names = "--tolerance", required = true, description = "Cross-class |Δ val_bpb|.")
    double tolerance;

    @Option(
        names = "--min-improvement",
        required = true,
        description = "How much a verified result must beat the best by (above the tolerance).")
    double minImprovement;

    @Option(names = "--ordinary-quorum", defaultValue = "1", description = "Default 1.")
    int ordinaryQuorum;

    @Option(names = "--best-quorum", defaultValue = "2", description = "Default 2.")
    int bestQuorum;

    @Override
    public Integer call() {
      if ((zipEntry == null) != (zipSha256 == null)) {
        throw new IllegalArgumentException("--zip-entry and --zip-sha256 come together");
      }
      if ((trainBytes == null) != (validationBytes == null)) {
        throw new IllegalArgumentException("--train-bytes and --validation-bytes come together");
      }
      DataSetRef data =
          zipEntry == null
              ? new DataSetRef(url, Hash.fromHex(sha256), bytes)
              : DataSetRef.zipped(
                  url, Hash.fromHex(sha256), bytes, zipEntry, Hash.fromHex(zipSha256));
      TrackSpec track =
          new TrackSpec(
              id,
              workload,
              data,
              budgetFlops,
              tolerance,
              minImprovement,
              ordinaryQuorum,
              bestQuorum,
              trainBytes == null
                  ? Optional.empty()
                  : Optional.of(new ByteSplit(trainBytes, validationBytes)));
      long index = node.session().submit(new TrackCreate(track)).index();
      System.out.println("created track " + id + " at leaf " + index);
      return 0;
    }
  }
}
