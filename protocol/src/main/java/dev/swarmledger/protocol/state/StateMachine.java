package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.AccountRegister;
import dev.swarmledger.protocol.tx.AttestationSubmit;
import dev.swarmledger.protocol.tx.ClaimCreate;
import dev.swarmledger.protocol.tx.ClaimRelease;
import dev.swarmledger.protocol.tx.CreditTransfer;
import dev.swarmledger.protocol.tx.Genesis;
import dev.swarmledger.protocol.tx.HypothesisCreate;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.ResultSubmit;
import dev.swarmledger.protocol.tx.TrackCreate;
import dev.swarmledger.protocol.tx.TrackSpec;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxType;
import dev.swarmledger.protocol.tx.VerifierGrant;
import dev.swarmledger.protocol.tx.VerifierRevoke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules: applies one leaf to a {@link LedgerState}. Pure and deterministic (the leaf's own
 * index and time are the only inputs besides the state), so replaying the log from leaf 0 always
 * rebuilds the same state. Every check runs before the first change: a {@link Rejection} leaves the
 * state untouched.
 */
public final class StateMachine {
  private StateMachine() {}

  /** Applies {@code leaf} and returns the events it caused, or throws a {@link Rejection}. */
  public static List<StateEvent> apply(LedgerState state, Leaf leaf) {
    Tx tx = leaf.tx();
    if (leaf.index() != state.size()) {
      throw new Rejection(
          ErrorCode.INVALID_STATE, "leaf index " + leaf.index() + " but state has " + state.size());
    }
    if (leaf.time().isBefore(state.lastTime())) {
      throw new Rejection(ErrorCode.INVALID_STATE, "leaf time goes backwards");
    }
    if (!tx.signatureValid()) {
      throw new Rejection(
          ErrorCode.BAD_SIGNATURE, "signature does not verify for " + tx.account().hex());
    }
    List<StateEvent> events = new ArrayList<>();
    if (!state.hasGenesis()) {
      applyGenesis(state, leaf, events);
    } else {
      if (tx.type() == TxType.GENESIS) {
        throw new Rejection(ErrorCode.GENESIS_EXISTS, "the log already has a genesis");
      }
      Optional<Account> sender = state.account(tx.account());
      checkNonce(tx, sender);
      if (tx.type() != TxType.ACCOUNT_REGISTER && sender.isEmpty()) {
        throw new Rejection(
            ErrorCode.NOT_REGISTERED, "account " + tx.account().hex() + " is not registered");
      }
      dispatch(state, leaf, sender, events);
      Account after = state.account(tx.account()).orElseThrow();
      state.put(after.withNextNonce(tx.nonce() + 1));
    }
    state.advance(leaf.time());
    return events;
  }

  private static void checkNonce(Tx tx, Optional<Account> sender) {
    long expected = sender.map(Account::nextNonce).orElse(0L);
    if (tx.nonce() < expected) {
      throw new Rejection(
          ErrorCode.NONCE_REPLAYED, "nonce " + tx.nonce() + " already used; next is " + expected);
    }
    if (tx.nonce() > expected) {
      throw new Rejection(
          ErrorCode.NONCE_TOO_HIGH, "nonce " + tx.nonce() + " is ahead; next is " + expected);
    }
  }

  private static void applyGenesis(LedgerState state, Leaf leaf, List<StateEvent> events) {
    Tx tx = leaf.tx();
    if (tx.type() != TxType.GENESIS || leaf.index() != 0) {
      throw new Rejection(ErrorCode.INVALID_STATE, "leaf 0 must be the genesis");
    }
    Genesis g = (Genesis) tx.body();
    if (!g.operator().equals(tx.account())) {
      throw new Rejection(ErrorCode.NOT_OPERATOR, "genesis must be signed by its operator key");
    }
    if (tx.nonce() != 0) {
      throw new Rejection(ErrorCode.NONCE_TOO_HIGH, "genesis nonce must be 0");
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (TrackSpec t : g.tracks()) {
      if (!ids.add(t.id())) {
        throw new Rejection(ErrorCode.DUPLICATE_TRACK, "genesis lists track " + t.id() + " twice");
      }
    }
    state.setGenesis(g.operator(), g.origin(), g.policy());
    g.tracks().forEach(state::putTrack);
    state.put(
        Account.registered(g.operator(), "operator", g.policy().initialReputation(), 0)
            .withNextNonce(1));
    events.add(StateEvent.of(0, "genesis", "operator", g.operator().hex(), "origin", g.origin()));
  }

  private static void dispatch(
      LedgerState state, Leaf leaf, Optional<Account> sender, List<StateEvent> events) {
    Tx tx = leaf.tx();
    switch (tx.type()) {
      case ACCOUNT_REGISTER -> register(state, leaf, sender, (AccountRegister) tx.body(), events);
      case VERIFIER_GRANT -> grant(state, leaf, (VerifierGrant) tx.body(), events);
      case VERIFIER_REVOKE -> revoke(state, leaf, (VerifierRevoke) tx.body(), events);
      case TRACK_CREATE -> SwarmRules.createTrack(state, leaf, (TrackCreate) tx.body(), events);
      case CLAIM_CREATE -> SwarmRules.createClaim(state, leaf, (ClaimCreate) tx.body(), events);
      case CLAIM_RELEASE -> SwarmRules.releaseClaim(state, leaf, (ClaimRelease) tx.body(), events);
      case HYPOTHESIS_CREATE ->
          SwarmRules.createHypothesis(state, leaf, (HypothesisCreate) tx.body(), events);
      case RESULT_SUBMIT -> SwarmRules.submitResult(state, leaf, (ResultSubmit) tx.body(), events);
      case ATTESTATION_SUBMIT ->
          VerificationRules.attest(state, leaf, (AttestationSubmit) tx.body(), events);
      case CREDIT_TRANSFER -> SwarmRules.transfer(state, leaf, (CreditTransfer) tx.body(), events);
      case GENESIS -> throw new IllegalStateException("handled above");
    }
  }

  private static void register(
      LedgerState state,
      Leaf leaf,
      Optional<Account> sender,
      AccountRegister body,
      List<StateEvent> events) {
    PublicKey id = leaf.tx().account();
    if (sender.isPresent()) {
      throw new Rejection(
          ErrorCode.ALREADY_REGISTERED, "account " + id.hex() + " is already registered");
    }
    if (state.accountByName(body.name()).isPresent()) {
      throw new Rejection(ErrorCode.NAME_TAKEN, "name '" + body.name() + "' is taken");
    }
    state.put(
        Account.registered(id, body.name(), state.policy().initialReputation(), leaf.index()));
    events.add(
        StateEvent.of(
            leaf.index(), "account.registered", "account", id.hex(), "name", body.name()));
  }

  private static void grant(
      LedgerState state, Leaf leaf, VerifierGrant body, List<StateEvent> events) {
    requireOperator(state, leaf.tx());
    Account target = requireAccount(state, body.account());
    state.put(target.withVerifierClass(Optional.of(body.hardwareClass())));
    // Results stuck for lack of verifiers may now be assignable.
    for (Result r : state.pendingResults()) {
      VerificationRules.topUp(state, leaf.index(), r.id(), events);
    }
    events.add(
        StateEvent.of(
            leaf.index(),
            "verifier.granted",
            "account",
            body.account().hex(),
            "hardware_class",
            body.hardwareClass()));
  }

  private static void revoke(
      LedgerState state, Leaf leaf, VerifierRevoke body, List<StateEvent> events) {
    requireOperator(state, leaf.tx());
    Account target = requireAccount(state, body.account());
    if (!target.isVerifier()) {
      throw new Rejection(
          ErrorCode.NOT_VERIFIER, "account " + body.account().hex() + " is not a verifier");
    }
    state.put(target.withVerifierClass(Optional.empty()));
    events.add(StateEvent.of(leaf.index(), "verifier.revoked", "account", body.account().hex()));
    // A revoked verifier can no longer attest: hand its outstanding work to someone else, or the
    // results would wait for it forever.
    for (Result r : state.pendingResults()) {
      if (r.waitingFor().contains(body.account())) {
        List<PublicKey> kept =
            r.assigned().stream().filter(v -> !v.equals(body.account())).toList();
        state.putResult(r.with(kept, r.attestations()));
        events.add(
            StateEvent.of(
                leaf.index(),
                "work.unassigned",
                "result",
                r.id(),
                "verifier",
                body.account().hex()));
        VerificationRules.topUp(state, leaf.index(), r.id(), events);
      }
    }
  }

  static void requireOperator(LedgerState state, Tx tx) {
    if (!state.operator().orElseThrow().equals(tx.account())) {
      throw new Rejection(
          ErrorCode.NOT_OPERATOR, tx.type().wireName() + " is for the operator only");
    }
  }

  static Account requireAccount(LedgerState state, PublicKey id) {
    return state
        .account(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_ACCOUNT, "unknown account " + id.hex()));
  }
}
