package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tx.TxType;
import java.util.Optional;

/**
 * {@code worker.grant} and {@code worker.revoke}: the operator manages the worker role, with the
 * hardware class it measured (as for verifiers: a class is measured, never typed by the worker).
 */
public final class WorkerRules {
  private WorkerRules() {}

  public static void grant(Transition t, WorkerGrant body) {
    t.state().requireOperator(t.sender(), TxType.WORKER_GRANT);
    Account target = t.state().requireAccount(body.account());
    t.put(target.withWorkerClass(Optional.of(body.hardwareClass())));
    t.emit(StateEvent.workerGranted(t.index(), body.account(), body.hardwareClass()));
  }

  /** A revoked worker's running job goes back on offer; that costs neither side an attempt. */
  public static void revoke(Transition t, WorkerRevoke body) {
    t.state().requireOperator(t.sender(), TxType.WORKER_REVOKE);
    Account target = t.state().requireAccount(body.account());
    if (!target.isWorker()) {
      throw new Rejection(
          ErrorCode.NOT_WORKER, "account " + body.account().hex() + " is not a worker");
    }
    t.put(target.withWorkerClass(Optional.empty()));
    t.emit(StateEvent.workerRevoked(t.index(), body.account()));
    for (Job job : t.state().activeJobs()) {
      if (job.status() == Job.Status.RUNNING
          && job.lease().orElseThrow().account().equals(body.account())) {
        t.putJob(job.reopened());
        t.emit(StateEvent.jobReopened(t.index(), job.id(), job.attempts()));
      }
    }
  }
}
