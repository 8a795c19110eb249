package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.LeaderboardRow;
import dev.swarmledger.protocol.api.LeaderboardView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.Verdict;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LeaderboardQueryTest {
  @Test
  void ranksAccountsByTheirBestVerifiedResultAndCountsTheRest() {
    QueryLog log = new QueryLog();
    log.verifier(10, "v1");
    log.verifier(11, "v2");
    log.verifier(12, "v3");
    SigningKey alice = log.register(1, "alice");
    SigningKey bob = log.register(2, "bob");
    SigningKey carol = log.register(3, "carol");
    long bobGood = log.submit(bob, "b1", 1.50);
    log.attestAll(bobGood, Verdict.EXACT);
    long aliceBest = log.submit(alice, "a1", 1.30);
    log.attestAll(aliceBest, Verdict.EXACT);
    long bobBad = log.submit(bob, "b2", 1.10);
    log.attestAll(bobBad, Verdict.MISMATCH);
    log.submit(carol, "c1", 1.00);

    LeaderboardView board = LeaderboardQuery.of(log.state, QueryLog.TRACK);

    assertThat(board.rows())
        .extracting(r -> r.name().orElseThrow())
        .containsExactly("alice", "bob", "carol");
    LeaderboardRow a = board.rows().get(0);
    assertThat(a.rank()).isEqualTo(1);
    assertThat(a.bestValBpb()).isEqualTo(OptionalDouble.of(1.30));
    assertThat(a.bestResult()).isEqualTo(OptionalLong.of(aliceBest));
    assertThat(a.mintedForResults())
        .isEqualTo(log.state.result(aliceBest).orElseThrow().mintedMicro())
        .isPositive();
    LeaderboardRow b = board.rows().get(1);
    assertThat(b.bestResult()).isEqualTo(OptionalLong.of(bobGood));
    assertThat(new long[] {b.verified(), b.rejected(), b.pending()}).containsExactly(1, 1, 0);
    LeaderboardRow c = board.rows().get(2);
    assertThat(c.rank()).isEqualTo(3);
    assertThat(c.bestValBpb()).isEmpty();
    assertThat(c.pending()).isEqualTo(1);
  }

  @Test
  void anUnknownTrackIsRefused() {
    assertThatThrownBy(() -> LeaderboardQuery.of(new QueryLog().state, "nope"))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TRACK));
  }

  @Test
  void aTrackWithoutResultsHasAnEmptyBoard() {
    assertThat(LeaderboardQuery.of(new QueryLog().state, QueryLog.TRACK).rows()).isEmpty();
  }
}
