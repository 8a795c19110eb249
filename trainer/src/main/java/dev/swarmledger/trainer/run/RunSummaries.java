package dev.swarmledger.trainer.run;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.RunSummary;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** What the ledger records of a run record: the {@link RunSummary} a result or a job carries. */
public final class RunSummaries {
  /** Most training-loss samples a summary carries (the protocol's limit). */
  public static final int MAX_LOSS_SAMPLES = 1000;

  private RunSummaries() {}

  /** The summary of {@code record}, its loss curve sampled to at most 1,000 points. */
  public static RunSummary of(RunRecord record) {
    List<LossSample> losses = record.trainLoss();
    int stride = Math.max(1, (losses.size() + MAX_LOSS_SAMPLES - 1) / MAX_LOSS_SAMPLES);
    List<Double> sampled =
        IntStream.range(0, losses.size())
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
        Optional.of(record.sandbox()));
  }
}
