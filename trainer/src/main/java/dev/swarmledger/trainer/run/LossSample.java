package dev.swarmledger.trainer.run;

/** A training loss the experiment reported at zero-based {@code step}. */
public record LossSample(long step, double loss) {}
