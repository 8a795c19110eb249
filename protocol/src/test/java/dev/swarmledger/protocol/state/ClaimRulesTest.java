package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.claim;
import static dev.swarmledger.protocol.state.SwarmLog.result;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.ClaimJson;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.ResultSubmit;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Claims: duplicates by source and by idea, release, and expiry in log time. */
class ClaimRulesTest {
  private final SwarmLog log = new SwarmLog();
  private final SigningKey alice = log.register(1, "alice");
  private final SigningKey bob = log.register(2, "bob");

  @Test
  void sameSourceIsADuplicateNamingTheClaim() {
    long id = log.next();
    log.apply(alice, claim("use swiglu in the mlp", source("a")));
    Rejection r = log.refuse(bob, claim("something else entirely", source("a")));
    assertThat(r.code()).isEqualTo(ErrorCode.DUPLICATE_CLAIM);
    assertThat(r.conflict()).hasValue(id);
  }

  @Test
  void similarDescriptionIsADuplicate() {
    long id = log.next();
    log.apply(alice, claim("use SwiGLU in the MLP", source("a")));
    Rejection r = log.refuse(bob, claim("MLP: use swiglu in the", source("b")));
    assertThat(r.code()).isEqualTo(ErrorCode.DUPLICATE_CLAIM);
    assertThat(r.conflict()).hasValue(id);
    assertThat(r.getMessage()).contains("similarity");
  }

  @Test
  void differentIdeaIsAccepted() {
    log.apply(alice, claim("use SwiGLU in the MLP", source("a")));
    log.apply(bob, claim("cosine learning rate schedule with warmup", source("b")));
    assertThat(log.state.claims()).hasSize(2);
  }

  @Test
  void sourceOfAnExistingResultIsDuplicateSource() {
    long id = log.next();
    log.apply(alice, result(source("a"), run(1.5, 10_000_000_000L, "p", CPU)));
    Rejection r = log.refuse(bob, claim("a fresh idea about attention", source("a")));
    assertThat(r.code()).isEqualTo(ErrorCode.DUPLICATE_SOURCE);
    assertThat(r.conflict()).hasValue(id);
  }

  @Test
  void releaseFreesTheSourceAndOnlyTheOwnerMayRelease() {
    long id = log.next();
    log.apply(alice, claim("use swiglu", source("a")));
    assertThat(log.refuse(bob, new ClaimRelease(id)).code()).isEqualTo(ErrorCode.NOT_CLAIM_OWNER);
    log.apply(alice, new ClaimRelease(id));
    assertThat(log.refuse(alice, new ClaimRelease(id)).code())
        .isEqualTo(ErrorCode.CLAIM_NOT_ACTIVE);
    log.apply(bob, claim("use swiglu", source("a")));
    assertThat(log.state.claim(id).orElseThrow().status()).isEqualTo(Claim.Status.RELEASED);
    assertThat(log.refuse(bob, new ClaimRelease(9999)).code()).isEqualTo(ErrorCode.UNKNOWN_CLAIM);
  }

  @Test
  void claimExpiresAfterItsTtlOfLogTime() {
    long ttl = log.state.policy().claimTtlSeconds();
    long id = log.next();
    log.apply(alice, claim("use swiglu", source("a")));
    log.advance(Duration.ofSeconds(ttl).minusMillis(10));
    assertThat(log.refuse(bob, claim("use swiglu", source("a"))).conflict()).hasValue(id);
    log.advance(Duration.ofMillis(10));
    log.apply(bob, claim("use swiglu", source("a")));
    assertThat(
            ClaimJson.encode(ClaimView.of(log.state.claim(id).orElseThrow(), log.state.lastTime()))
                .get("status")
                .asText())
        .isEqualTo("expired");
    // An expired claim can no longer be released.
    assertThat(log.refuse(alice, new ClaimRelease(id)).code())
        .isEqualTo(ErrorCode.CLAIM_NOT_ACTIVE);
  }

  @Test
  void aResultFulfilsItsOwnClaimAndIsRefusedOverAnothersClaim() {
    long id = log.next();
    log.apply(alice, claim("use swiglu", source("a")));
    Rejection r = log.refuse(bob, result(source("a"), run(1.5, 10_000_000_000L, "p", CPU)));
    assertThat(r.code()).isEqualTo(ErrorCode.DUPLICATE_CLAIM);
    assertThat(r.conflict()).hasValue(id);
    ResultSubmit own =
        new ResultSubmit(
            SwarmLog.TRACK,
            OptionalLong.of(id),
            OptionalLong.empty(),
            1,
            100,
            source("a"),
            SwarmLog.sha(source("a")),
            run(1.5, 10_000_000_000L, "p", CPU));
    log.apply(alice, own);
    assertThat(log.state.claim(id).orElseThrow().status()).isEqualTo(Claim.Status.FULFILLED);
  }

  @Test
  void aResultNamingAClaimOnAnotherTrackIsRefused() {
    log.apply(
        log.operator,
        new dev.swarmledger.protocol.tracks.TrackCreate(
            new dev.swarmledger.protocol.tracks.TrackSpec(
                "other", "gpt-bytes", log.track().data(), SwarmLog.BUDGET, 0.005, 0.01, 1, 2)));
    long id = log.next();
    log.apply(
        alice,
        new ClaimCreate("other", "use swiglu", OptionalLong.empty(), SwarmLog.sha(source("a"))));
    ResultSubmit onDefault =
        new ResultSubmit(
            SwarmLog.TRACK,
            OptionalLong.of(id),
            OptionalLong.empty(),
            1,
            100,
            source("a"),
            SwarmLog.sha(source("a")),
            run(1.5, 10_000_000_000L, "p", CPU));
    assertThat(log.refuse(alice, onDefault).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void unknownTrackAndParentOnAnotherTrackAreRefused() {
    assertThat(
            log.refuse(
                    alice,
                    new ClaimCreate("nope", "x", OptionalLong.empty(), SwarmLog.sha(source("a"))))
                .code())
        .isEqualTo(ErrorCode.UNKNOWN_TRACK);
    assertThat(
            log.refuse(
                    alice,
                    new ClaimCreate(
                        SwarmLog.TRACK, "x", OptionalLong.of(42), SwarmLog.sha(source("a"))))
                .code())
        .isEqualTo(ErrorCode.UNKNOWN_RESULT);
  }
}
