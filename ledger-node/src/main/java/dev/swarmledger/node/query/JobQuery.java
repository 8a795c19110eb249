package dev.swarmledger.node.query;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs: one in full (a training job with its source), or a filtered page newest first (without).
 */
public final class JobQuery {
  private JobQuery() {}

  public static JobView one(LedgerState s, long id) {
    return s.job(id)
        .map(j -> JobView.of(j, true))
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_JOB, "unknown job " + id));
  }

  public static List<JobView> page(LedgerState s, JobFilter f) {
    List<JobView> out = new ArrayList<>();
    for (Job j : s.jobs().tailMap(f.since(), true).descendingMap().values()) {
      if (out.size() >= f.limit()) {
        break;
      }
      if (f.matches(j)) {
        out.add(JobView.of(j, false));
      }
    }
    return out;
  }
}
