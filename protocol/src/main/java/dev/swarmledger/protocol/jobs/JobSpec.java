package dev.swarmledger.protocol.jobs;

/** What a job asks a worker to compute: a training run or an inference on a published model. */
public sealed interface JobSpec permits TrainSpec, InferSpec {

  /** The job's kind: {@code train} or {@code infer}. */
  JobKind kind();
}
