package dev.swarmledger.trainer;

import dev.swarmledger.trainer.run.RunRecord;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A run's record with its trained parameters kept: the file the harness wrote ({@code
 * harness.ParameterFile}), ready to be stored as a content-addressed blob and served to inference.
 *
 * @param record the run record, exactly as {@link Trainer#run} returns it
 * @param parameters the kept parameter file (the caller owns it)
 * @param parametersSha256 the hex SHA-256 of the file's bytes: its blob address
 */
public record TrainedModel(RunRecord record, Path parameters, String parametersSha256) {

  public TrainedModel {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(parameters, "parameters");
    if (parametersSha256 == null || !parametersSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("parametersSha256 must be 64 lower-case hex digits");
    }
  }

  /** The state hash of the kept parameters: the record's {@code final_param_hash}. */
  public String stateHash() {
    return record.finalParamHash();
  }
}
