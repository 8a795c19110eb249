package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.Comparator;
import java.util.List;

/**
 * Deterministic choice of who re-runs a result: every verifier except the submitter, those of the
 * result's hardware class first (so bit-exact comparison is possible), each group ordered by
 * SHA-256(leaf hash ‖ verifier key) — rendezvous hashing, so nobody can steer the choice without
 * changing the leaf, and every replay picks the same verifiers.
 */
final class VerifierAssignment {
  private VerifierAssignment() {}

  static List<PublicKey> ranked(LedgerState state, Result r) {
    String hardware = r.submission().run().hardwareClass();
    Comparator<Account> order =
        Comparator.<Account, Boolean>comparing(
                a -> !a.verifierClass().orElseThrow().equals(hardware))
            .thenComparing(a -> score(r.leafHash(), a.id()).hex());
    return state.accounts().stream()
        .filter(Account::isVerifier)
        .filter(a -> !a.id().equals(r.account()))
        .sorted(order)
        .map(Account::id)
        .toList();
  }

  private static Hash score(Hash leafHash, PublicKey verifier) {
    return Hash.sha256(leafHash.bytes(), verifier.bytes());
  }
}
