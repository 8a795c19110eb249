package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.api.ClaimFilter;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.api.ClaimsPage;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClaimQueryTest {
  private final QueryLog log = new QueryLog();
  private final SigningKey alice = log.register(1, "alice");
  private final SigningKey bob = log.register(2, "bob");
  private final long expired = log.claim(alice, "an old idea about attention");

  {
    log.advance(Duration.ofDays(3));
  }

  private final long released = log.claim(bob, "rotary embeddings everywhere");

  {
    log.apply(bob, new ClaimRelease(released));
  }

  private final long active = log.claim(alice, "a fresh idea about the optimiser");

  @Test
  void showsClaimsNewestFirstInTheApisWords() {
    ClaimsPage page = ClaimQuery.page(log.state, ClaimFilter.all());
    assertThat(page.claims()).extracting(ClaimView::id).containsExactly(active, released, expired);
    assertThat(page.claims())
        .extracting(ClaimView::status)
        .containsExactly(
            ClaimView.Status.ACTIVE, ClaimView.Status.RELEASED, ClaimView.Status.EXPIRED);
    assertThat(page.now()).isEqualTo(log.state.lastTime());
  }

  @Test
  void filtersByStatusAccountAndSince() {
    assertThat(
            ClaimQuery.page(log.state, ClaimFilter.all().status(ClaimView.Status.EXPIRED)).claims())
        .extracting(ClaimView::id)
        .containsExactly(expired);
    assertThat(ClaimQuery.page(log.state, ClaimFilter.all().account(bob.publicKey())).claims())
        .extracting(ClaimView::id)
        .containsExactly(released);
    ClaimFilter since =
        new ClaimFilter(
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            released,
            100);
    assertThat(ClaimQuery.page(log.state, since).claims())
        .extracting(ClaimView::id)
        .containsExactly(active, released);
  }

  @Test
  void aLimitBoundsThePage() {
    assertThat(ClaimQuery.page(log.state, ClaimFilter.all().limit(1)).claims())
        .extracting(ClaimView::id)
        .containsExactly(active);
  }
}
