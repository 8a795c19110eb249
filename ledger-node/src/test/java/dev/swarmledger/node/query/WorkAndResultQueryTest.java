package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.WorkItemView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.Verdict;
import org.junit.jupiter.api.Test;

class WorkAndResultQueryTest {
  private final QueryLog log = new QueryLog();
  private final SigningKey v1 = log.verifier(10, "v1");
  private final SigningKey v2 = log.verifier(11, "v2");
  private final SigningKey alice = log.register(1, "alice");
  private final SigningKey bob = log.register(2, "bob");
  private final long verified = log.submit(alice, "a1", 1.5);

  {
    log.attestAll(verified, Verdict.EXACT);
  }

  private final long pending = log.submit(bob, "b1", 1.6);

  @Test
  void workListsOnlyAssignedResultsNotYetAttested() {
    PublicKey assigned = log.state.result(pending).orElseThrow().assigned().get(0);
    assertThat(WorkQuery.of(log.state, assigned))
        .extracting(WorkItemView::result)
        .containsExactly(pending);
    PublicKey other = assigned.equals(v1.publicKey()) ? v2.publicKey() : v1.publicKey();
    boolean otherAssigned = log.state.result(pending).orElseThrow().assigned().contains(other);
    assertThat(WorkQuery.of(log.state, other)).hasSize(otherAssigned ? 1 : 0);
    log.attestAll(pending, Verdict.EXACT);
    assertThat(WorkQuery.of(log.state, assigned)).isEmpty();
  }

  @Test
  void resultsAreNewestFirstFilteredAndWithoutSource() {
    assertThat(ResultQuery.page(log.state, ResultFilter.all()))
        .extracting(ResultView::id)
        .containsExactly(pending, verified);
    assertThat(ResultQuery.page(log.state, ResultFilter.all().status(Result.Status.VERIFIED)))
        .extracting(ResultView::id)
        .containsExactly(verified);
    assertThat(ResultQuery.page(log.state, ResultFilter.all().account(bob.publicKey())))
        .extracting(ResultView::id)
        .containsExactly(pending);
    assertThat(ResultQuery.page(log.state, ResultFilter.all().limit(1))).hasSize(1);
    assertThat(ResultQuery.page(log.state, ResultFilter.all()))
        .allSatisfy(r -> assertThat(r.source()).isEmpty());
  }

  @Test
  void oneResultCarriesItsSourceAndAttestations() {
    ResultView r = ResultQuery.one(log.state, verified);
    assertThat(r.source()).hasValueSatisfying(s -> assertThat(s).contains("a1"));
    assertThat(r.attestations()).isNotEmpty();
    assertThat(r.status()).isEqualTo(Result.Status.VERIFIED);
  }

  @Test
  void unknownResultsAndTracksAreRefused() {
    assertThatThrownBy(() -> ResultQuery.one(log.state, 9999))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RESULT));
    assertThatThrownBy(() -> ResultQuery.page(log.state, ResultFilter.all().track("nope")))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TRACK));
  }
}
