package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tx.TxType;
import java.util.List;
import java.util.Optional;

/** {@code verifier.grant} and {@code verifier.revoke}: the operator manages the verifier role. */
public final class VerifierRules {
  private VerifierRules() {}

  public static void grant(Transition t, VerifierGrant body) {
    t.state().requireOperator(t.sender(), TxType.VERIFIER_GRANT);
    Account target = t.state().requireAccount(body.account());
    t.put(target.withVerifierClass(Optional.of(body.hardwareClass())));
    // Results stuck for lack of verifiers may now be assignable.
    for (Result r : t.state().pendingResults()) {
      VerificationRules.topUp(t, r.id());
    }
    t.emit(StateEvent.verifierGranted(t.index(), body.account(), body.hardwareClass()));
  }

  public static void revoke(Transition t, VerifierRevoke body) {
    t.state().requireOperator(t.sender(), TxType.VERIFIER_REVOKE);
    Account target = t.state().requireAccount(body.account());
    if (!target.isVerifier()) {
      throw new Rejection(
          ErrorCode.NOT_VERIFIER, "account " + body.account().hex() + " is not a verifier");
    }
    t.put(target.withVerifierClass(Optional.empty()));
    t.emit(StateEvent.verifierRevoked(t.index(), body.account()));
    // A revoked verifier can no longer attest: hand its outstanding work to someone else, or the
    // results would wait for it forever.
    for (Result r : t.state().pendingResults()) {
      if (r.waitingFor().contains(body.account())) {
        List<Lease> kept =
            r.leases().stream().filter(l -> !l.verifier().equals(body.account())).toList();
        t.putResult(r.withLeases(kept, r.excluded()));
        t.emit(StateEvent.workUnassigned(t.index(), r.id(), body.account()));
        VerificationRules.topUp(t, r.id());
      }
    }
  }
}
