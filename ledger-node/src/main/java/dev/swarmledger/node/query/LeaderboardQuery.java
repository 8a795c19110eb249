package dev.swarmledger.node.query;

import dev.swarmledger.protocol.api.LeaderboardRow;
import dev.swarmledger.protocol.api.LeaderboardView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A track's leaderboard: every account with a result on it, ranked by its best verified val_bpb
 * (lowest first; accounts without a verified result last), ties by account id.
 */
public final class LeaderboardQuery {
  private LeaderboardQuery() {}

  /** One account's results on the track, added up. */
  private static final class Tally {
    final PublicKey account;
    Optional<Result> best = Optional.empty();
    long verified;
    long rejected;
    long pending;
    long minted;

    Tally(PublicKey account) {
      this.account = account;
    }

    void add(Result r) {
      switch (r.status()) {
        case VERIFIED -> {
          verified++;
          minted += r.mintedMicro();
          // Ranked by what the verifiers measured: an unsampled result has no measured value
          // and cannot rank. The earliest result keeps a tie: it got there first.
          if (r.verifiedValBpb().isPresent()
              && best.map(b -> measured(r) < measured(b)).orElse(true)) {
            best = Optional.of(r);
          }
        }
        case REJECTED -> rejected++;
        case PENDING -> pending++;
      }
    }

    double bestValue() {
      return best.map(Tally::measured).orElse(Double.POSITIVE_INFINITY);
    }

    private static double measured(Result r) {
      return r.verifiedValBpb().orElseThrow();
    }
  }

  public static LeaderboardView of(LedgerState s, String track) {
    KnownTrack.require(s, track);
    Map<String, Tally> byAccount = new TreeMap<>();
    for (Result r : s.results().values()) {
      if (r.track().equals(track)) {
        byAccount.computeIfAbsent(r.account().hex(), k -> new Tally(r.account())).add(r);
      }
    }
    // TreeMap order is account order, and the sort is stable: ties stay in account order.
    List<Tally> ranked = new ArrayList<>(byAccount.values());
    ranked.sort(Comparator.comparingDouble(Tally::bestValue));
    List<LeaderboardRow> rows = new ArrayList<>();
    for (Tally t : ranked) {
      Optional<Account> a = s.account(t.account);
      rows.add(
          new LeaderboardRow(
              rows.size() + 1,
              t.account,
              a.map(Account::name),
              a.map(x -> OptionalLong.of(x.earned())).orElse(OptionalLong.empty()),
              a.map(x -> OptionalLong.of(x.reputation())).orElse(OptionalLong.empty()),
              t.best.map(Result::verifiedValBpb).orElse(OptionalDouble.empty()),
              t.best.map(r -> OptionalLong.of(r.id())).orElse(OptionalLong.empty()),
              t.verified,
              t.rejected,
              t.pending,
              t.minted));
    }
    return new LeaderboardView(track, rows);
  }
}
