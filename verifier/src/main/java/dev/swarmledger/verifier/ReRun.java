package dev.swarmledger.verifier;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerdictRule;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.run.RunRecord;
import java.util.List;
import java.util.Optional;

/** Turns a verifier's own run (or its failure) into the attestation it signs. */
public final class ReRun {
  private static final Hash NONE = Hash.of(new byte[32]);

  private ReRun() {}

  /** The attestation for a re-run that produced {@code mine}. */
  public static AttestationSubmit attest(
      long result, RunSummary claimed, RunRecord mine, double tolerance, long budgetFlops) {
    String hardware = mine.hardwareClass();
    Hash paramHash = Hash.fromHex(mine.finalParamHash());
    List<Hash> segments = mine.segmentHashes().stream().map(Hash::fromHex).toList();
    Verdict v =
        VerdictRule.judge(
            claimed, mine.valBpb(), mine.flops(), paramHash, hardware, tolerance, budgetFlops);
    Optional<String> reason =
        switch (v) {
          case MISMATCH -> Optional.of(explain(claimed, mine, segments));
          case OVER_BUDGET ->
              Optional.of(
                  "the re-run counted "
                      + mine.flops()
                      + " training FLOPs; the budget is "
                      + budgetFlops);
          case EXACT, WITHIN_TOLERANCE, FAILED -> Optional.empty();
        };
    return new AttestationSubmit(
        result,
        v,
        mine.valBpb(),
        mine.flops(),
        paramHash,
        segments,
        mine.trainingSeconds(),
        hardware,
        reason);
  }

  /** {@code a}, reporting that the re-run kept a parameter file hashing to {@code weights}. */
  public static AttestationSubmit withWeights(AttestationSubmit a, Hash weights) {
    return new AttestationSubmit(
        a.result(),
        a.verdict(),
        a.valBpb(),
        a.flops(),
        a.finalParamHash(),
        a.segmentHashes(),
        a.wallSeconds(),
        a.hardwareClass(),
        a.reason(),
        Optional.of(weights));
  }

  /** The attestation for a re-run that could not produce a valid run (refused, killed, failed). */
  static AttestationSubmit failed(long result, TrainerException e, String hardware) {
    String reason = e.reason().name().toLowerCase() + ": " + e.getMessage();
    if (reason.length() > 1000) {
      reason = reason.substring(0, 997) + "...";
    }
    return new AttestationSubmit(
        result, Verdict.FAILED, 0, 0, NONE, List.of(), 0, hardware, Optional.of(reason));
  }

  /** Where the runs part: the first diverging segment hash, or the metric that differs. */
  static String explain(RunSummary claimed, RunRecord mine, List<Hash> segments) {
    List<Hash> theirs = claimed.segmentHashes();
    int n = Math.min(theirs.size(), segments.size());
    for (int i = 0; i < n; i++) {
      if (!theirs.get(i).equals(segments.get(i))) {
        return "parameters diverge from segment "
            + i
            + " (steps "
            + i * mine.hashInterval()
            + "-"
            + (i + 1) * mine.hashInterval()
            + "); claimed val_bpb "
            + claimed.valBpb()
            + ", re-run "
            + mine.valBpb();
      }
    }
    if (theirs.size() != segments.size()) {
      return "segment chain lengths differ: claimed "
          + theirs.size()
          + ", re-run "
          + segments.size();
    }
    if (claimed.flops() != mine.flops()) {
      return "FLOPs differ: claimed " + claimed.flops() + ", re-run " + mine.flops();
    }
    if (!claimed.finalParamHash().hex().equals(mine.finalParamHash())) {
      // Runs shorter than one hash interval have no segments: the final hash is the only witness.
      return "final parameters differ: claimed "
          + claimed.finalParamHash().hex()
          + ", re-run "
          + mine.finalParamHash()
          + "; claimed val_bpb "
          + claimed.valBpb()
          + ", re-run "
          + mine.valBpb();
    }
    return "same training trajectory but val_bpb differs: claimed "
        + claimed.valBpb()
        + ", re-run "
        + mine.valBpb();
  }
}
