package dev.swarmledger.contributor;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSummaries;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds the {@code result.submit} body from a trainer run record and the source it ran. */
public final class Publication {
  private Publication() {}

  /**
   * @throws IllegalArgumentException when the source is not the one the record ran
   */
  public static ResultSubmit of(
      RunRecord record, String source, OptionalLong claim, OptionalLong parent) {
    return of(record, source, claim, parent, Optional.empty());
  }

  /**
   * The result of {@code record}, publishing the weights file hashing to {@code weights} when given
   * (the contributor uploads it once the result is logged).
   *
   * @throws IllegalArgumentException when the source is not the one the record ran
   */
  public static ResultSubmit of(
      RunRecord record,
      String source,
      OptionalLong claim,
      OptionalLong parent,
      Optional<Hash> weights) {
    Hash sha = Hash.sha256(source.getBytes(StandardCharsets.UTF_8));
    if (!sha.hex().equals(record.sourceSha256())) {
      throw new IllegalArgumentException(
          "the source's SHA-256 "
              + sha.hex()
              + " is not the run record's "
              + record.sourceSha256()
              + ": publish exactly the file that ran");
    }
    RunSummary run = weights.map(summary(record)::withWeights).orElse(summary(record));
    return new ResultSubmit(
        record.track(), claim, parent, record.seed(), record.steps(), source, sha, run);
  }

  /** What a result publishes of its run record (the loss curve sampled to at most 1,000 points). */
  public static RunSummary summary(RunRecord record) {
    return RunSummaries.of(record);
  }
}
