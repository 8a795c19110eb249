package dev.swarmledger.contributor;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.trainer.run.LossSample;
import dev.swarmledger.trainer.run.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/** Builds the {@code result.submit} body from a trainer run record and the source it ran. */
public final class Publication {
  private static final int MAX_LOSS_SAMPLES = 1000;

  private Publication() {}

  /**
   * @throws IllegalArgumentException when the source is not the one the record ran
   */
  public static ResultSubmit of(
      RunRecord record, String source, OptionalLong claim, OptionalLong parent) {
    Hash sha = Hash.sha256(source.getBytes(StandardCharsets.UTF_8));
    if (!sha.hex().equals(record.sourceSha256())) {
      throw new IllegalArgumentException(
          "the source's SHA-256 "
              + sha.hex()
              + " is not the run record's "
              + record.sourceSha256()
              + ": publish exactly the file that ran");
    }
    RunSummary run = summary(record);
    return new ResultSubmit(
        record.track(), claim, parent, record.seed(), record.steps(), source, sha, run);
  }

  /** What a result publishes of its run record (the loss curve sampled to at most 1,000 points). */
  public static RunSummary summary(RunRecord record) {
    List<LossSample> losses = record.trainLoss();
    int stride = Math.max(1, (losses.size() + MAX_LOSS_SAMPLES - 1) / MAX_LOSS_SAMPLES);
    List<Double> sampled =
        java.util.stream.IntStream.range(0, losses.size())
            .filter(i -> i % stride == 0)
            .mapToObj(i -> losses.get(i).loss())
            .toList();
    return new RunSummary(
        record.valBpb(),
        record.flops(),
        record.tokens(),
        Hash.fromHex(record.finalParamHash()),
        record.segmentHashes().stream().map(Hash::fromHex).toList(),
        record.trainingSeconds(),
        record.hardwareClass(),
        record.device(),
        record.libtorchVersion(),
        record.dtype(),
        record.threads(),
        sampled,
        java.util.Optional.of(record.sandbox()));
  }
}
