package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.Comparator;
import java.util.List;

/**
 * Deterministic choice of who re-runs a result: every verifier except the submitter, those who
 * handed it back or let a lease on it expire, and those whose reputation fell to zero; verifiers of
 * the result's hardware class first (so bit-exact comparison is possible), each group ordered by
 * weighted rendezvous hashing on SHA-256(leaf hash ‖ verifier key) with the verifier's reputation
 * as weight. Nobody can steer the choice without changing the leaf, every replay picks the same
 * verifiers, and a verifier with twice the reputation is picked first about twice as often.
 */
public final class VerifierAssignment {
  private VerifierAssignment() {}

  static List<PublicKey> ranked(LedgerState state, Result r) {
    String hardware = r.submission().run().hardwareClass();
    Comparator<Account> order =
        Comparator.<Account, Boolean>comparing(
                a -> !a.verifierClass().orElseThrow().equals(hardware))
            .thenComparingDouble(a -> key(r.leafHash(), a))
            .thenComparing(a -> a.id().hex());
    return state.accounts().stream()
        .filter(Account::isVerifier)
        .filter(a -> a.reputation() > 0)
        .filter(a -> !a.id().equals(r.account()))
        .filter(a -> !r.excluded().contains(a.id()))
        .sorted(order)
        .map(Account::id)
        .toList();
  }

  /**
   * The weighted rendezvous key -ln(u) / w, lowest first, with u uniform in (0, 1] from the hash.
   * StrictMath makes the logarithm bit-identical on every JVM, so replays agree.
   */
  public static double key(Hash leafHash, Account verifier) {
    byte[] h = Hash.sha256(leafHash.bytes(), verifier.id().bytes()).bytes();
    long bits = 0;
    for (int i = 0; i < 7; i++) {
      bits = (bits << 8) | (h[i] & 0xff);
    }
    double u = (bits + 1.0) / 72057594037927936.0; // 2^56: u in (0, 1]
    return -StrictMath.log(u) / verifier.reputation();
  }
}
