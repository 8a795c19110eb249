package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.TestKeys;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules for genesis, registration and verifier roles, one at a time. */
class StateMachineTest {
  private static final SigningKey OPERATOR = TestKeys.key(100);
  private static final SigningKey ALICE = TestKeys.key(1);
  private static final SigningKey BOB = TestKeys.key(2);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final LedgerState state = new LedgerState();

  private List<StateEvent> apply(Tx tx) {
    return StateMachine.apply(state, new Leaf(state.size(), T0.plusSeconds(state.size()), tx));
  }

  private void genesis() {
    apply(
        TxCodec.sign(
            OPERATOR,
            0,
            new Genesis(OPERATOR.publicKey(), "test/log", Policy.defaults(), java.util.List.of())));
  }

  private long nonce(SigningKey k) {
    return state.account(k.publicKey()).map(Account::nextNonce).orElse(0L);
  }

  private List<StateEvent> send(SigningKey k, TxBody body) {
    return apply(TxCodec.sign(k, nonce(k), body));
  }

  /** Asserts {@code tx} is refused with {@code code} and leaves the state exactly as it was. */
  private void assertRefused(Tx tx, ErrorCode code) {
    Hash before = StateDigest.root(state);
    long size = state.size();
    assertThatThrownBy(() -> apply(tx))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code));
    assertThat(StateDigest.root(state)).isEqualTo(before);
    assertThat(state.size()).isEqualTo(size);
  }

  @Test
  void genesisSetsOperatorOriginPolicyAndRegistersTheOperator() {
    List<StateEvent> events =
        apply(
            TxCodec.sign(
                OPERATOR,
                0,
                new Genesis(
                    OPERATOR.publicKey(), "test/log", Policy.defaults(), java.util.List.of())));
    assertThat(state.hasGenesis()).isTrue();
    assertThat(state.operator()).contains(OPERATOR.publicKey());
    assertThat(state.origin()).contains("test/log");
    assertThat(state.policy()).isEqualTo(Policy.defaults());
    assertThat(state.size()).isEqualTo(1);
    Account op = state.account(OPERATOR.publicKey()).orElseThrow();
    assertThat(op.nextNonce()).isEqualTo(1);
    assertThat(op.balance()).isZero();
    assertThat(op.reputation()).isEqualTo(Policy.defaults().initialReputation());
    assertThat(events).extracting(e -> e.kind().wireName()).containsExactly("genesis");
    assertThat(events.get(0).fields()).containsEntry("operator", OPERATOR.publicKey().hex());
  }

  @Test
  void leafZeroMustBeAGenesisSignedByItsOwnOperatorWithNonceZero() {
    assertRefused(TxCodec.sign(ALICE, 0, new AccountRegister("alice")), ErrorCode.INVALID_STATE);
    // Signed by Alice, naming the operator: nobody may appoint someone else.
    assertRefused(
        TxCodec.sign(
            ALICE,
            0,
            new Genesis(OPERATOR.publicKey(), "test/log", Policy.defaults(), java.util.List.of())),
        ErrorCode.NOT_OPERATOR);
    assertRefused(
        TxCodec.sign(
            OPERATOR,
            1,
            new Genesis(OPERATOR.publicKey(), "test/log", Policy.defaults(), java.util.List.of())),
        ErrorCode.NONCE_TOO_HIGH);
    assertThat(state.hasGenesis()).isFalse();
    genesis();
    assertThat(state.hasGenesis()).isTrue();
  }

  @Test
  void asecondGenesisIsRefused() {
    genesis();
    assertRefused(
        TxCodec.sign(
            OPERATOR,
            1,
            new Genesis(OPERATOR.publicKey(), "test/log", Policy.defaults(), java.util.List.of())),
        ErrorCode.GENESIS_EXISTS);
    assertRefused(
        TxCodec.sign(
            ALICE,
            0,
            new Genesis(ALICE.publicKey(), "other/log", Policy.defaults(), java.util.List.of())),
        ErrorCode.GENESIS_EXISTS);
  }

  @Test
  void leafIndexMustBeTheStateSizeAndTimeMustNotGoBack() {
    genesis();
    Tx tx = TxCodec.sign(ALICE, 0, new AccountRegister("alice"));
    Hash before = StateDigest.root(state);
    assertThatThrownBy(() -> StateMachine.apply(state, new Leaf(5, T0.plusSeconds(10), tx)))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_STATE));
    assertThatThrownBy(() -> StateMachine.apply(state, new Leaf(1, T0.minusMillis(1), tx)))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_STATE));
    assertThat(StateDigest.root(state)).isEqualTo(before);
    // The same time as the last leaf is fine: the log's clock never goes back, it may stand still.
    StateMachine.apply(state, new Leaf(1, state.lastTime(), tx));
    assertThat(state.size()).isEqualTo(2);
  }

  @Test
  void registerCreatesAnAccountAtItsLeafAndAdvancesItsNonce() {
    genesis();
    List<StateEvent> events = send(ALICE, new AccountRegister("Zo\u00eb"));
    Account a = state.account(ALICE.publicKey()).orElseThrow();
    assertThat(a.name()).isEqualTo("Zo\u00eb");
    assertThat(a.nextNonce()).isEqualTo(1);
    assertThat(a.registeredAt()).isEqualTo(1);
    assertThat(a.balance()).isZero();
    assertThat(a.isVerifier()).isFalse();
    assertThat(state.accountByName("Zo\u00eb")).contains(a);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).kind().wireName()).isEqualTo("account.registered");
    assertThat(events.get(0).index()).isEqualTo(1);
    assertThat(events.get(0).fields())
        .containsEntry("account", ALICE.publicKey().hex())
        .containsEntry("name", "Zo\u00eb");
  }

  @Test
  void registeringTwiceIsRefusedEvenWithTheRightNonce() {
    genesis();
    send(ALICE, new AccountRegister("alice"));
    assertRefused(
        TxCodec.sign(ALICE, 1, new AccountRegister("alice2")), ErrorCode.ALREADY_REGISTERED);
  }

  @Test
  void aTakenNameIsRefusedIncludingTheOperatorsName() {
    genesis();
    send(ALICE, new AccountRegister("alice"));
    assertRefused(TxCodec.sign(BOB, 0, new AccountRegister("alice")), ErrorCode.NAME_TAKEN);
    assertRefused(TxCodec.sign(BOB, 0, new AccountRegister("operator")), ErrorCode.NAME_TAKEN);
    // Names are compared exactly: another spelling is another name.
    send(BOB, new AccountRegister("Alice"));
    assertThat(state.accountByName("Alice").orElseThrow().id()).isEqualTo(BOB.publicKey());
  }

  @Test
  void nonceMustBeExactlyTheNextOne() {
    genesis();
    assertRefused(TxCodec.sign(ALICE, 1, new AccountRegister("alice")), ErrorCode.NONCE_TOO_HIGH);
    Tx first = TxCodec.sign(ALICE, 0, new AccountRegister("alice"));
    apply(first);
    assertRefused(first, ErrorCode.NONCE_REPLAYED);
    assertRefused(
        TxCodec.sign(OPERATOR, 0, new VerifierGrant(ALICE.publicKey(), "cpu")),
        ErrorCode.NONCE_REPLAYED);
    assertRefused(
        TxCodec.sign(OPERATOR, 2, new VerifierGrant(ALICE.publicKey(), "cpu")),
        ErrorCode.NONCE_TOO_HIGH);
    apply(TxCodec.sign(OPERATOR, 1, new VerifierGrant(ALICE.publicKey(), "cpu")));
    assertThat(nonce(OPERATOR)).isEqualTo(2);
  }

  @Test
  void grantAndRevokeAreForTheOperatorOnly() {
    genesis();
    send(ALICE, new AccountRegister("alice"));
    send(BOB, new AccountRegister("bob"));
    assertRefused(
        TxCodec.sign(ALICE, 1, new VerifierGrant(BOB.publicKey(), "cpu")), ErrorCode.NOT_OPERATOR);
    assertRefused(
        TxCodec.sign(ALICE, 1, new VerifierGrant(ALICE.publicKey(), "cpu")),
        ErrorCode.NOT_OPERATOR);
    send(OPERATOR, new VerifierGrant(BOB.publicKey(), "cpu-x86_64"));
    assertRefused(
        TxCodec.sign(ALICE, 1, new VerifierRevoke(BOB.publicKey())), ErrorCode.NOT_OPERATOR);
    // A verifier is not an operator either.
    assertRefused(
        TxCodec.sign(BOB, 1, new VerifierGrant(ALICE.publicKey(), "cpu")), ErrorCode.NOT_OPERATOR);
  }

  @Test
  void anUnregisteredKeyCannotSendAnythingButRegister() {
    genesis();
    assertRefused(
        TxCodec.sign(ALICE, 0, new VerifierRevoke(BOB.publicKey())), ErrorCode.NOT_REGISTERED);
    assertRefused(
        TxCodec.sign(ALICE, 0, new VerifierGrant(ALICE.publicKey(), "cpu")),
        ErrorCode.NOT_REGISTERED);
  }

  @Test
  void grantSetsTheRoleAndRevokeRemovesIt() {
    genesis();
    send(BOB, new AccountRegister("bob"));
    List<StateEvent> granted = send(OPERATOR, new VerifierGrant(BOB.publicKey(), "cpu-x86_64"));
    assertThat(state.account(BOB.publicKey()).orElseThrow().verifierClass()).contains("cpu-x86_64");
    assertThat(granted).extracting(e -> e.kind().wireName()).containsExactly("verifier.granted");
    assertThat(granted.get(0).fields()).containsEntry("hardware_class", "cpu-x86_64");
    // Granting again changes the hardware class.
    send(OPERATOR, new VerifierGrant(BOB.publicKey(), "cuda-sm90"));
    assertThat(state.account(BOB.publicKey()).orElseThrow().verifierClass()).contains("cuda-sm90");
    List<StateEvent> revoked = send(OPERATOR, new VerifierRevoke(BOB.publicKey()));
    assertThat(state.account(BOB.publicKey()).orElseThrow().isVerifier()).isFalse();
    assertThat(revoked).extracting(e -> e.kind().wireName()).containsExactly("verifier.revoked");
    // The account's own nonce is untouched by what the operator does to it.
    assertThat(nonce(BOB)).isEqualTo(1);
  }

  @Test
  void grantToAnUnknownAccountIsRefused() {
    genesis();
    assertRefused(
        TxCodec.sign(OPERATOR, 1, new VerifierGrant(ALICE.publicKey(), "cpu")),
        ErrorCode.UNKNOWN_ACCOUNT);
    assertRefused(
        TxCodec.sign(OPERATOR, 1, new VerifierRevoke(ALICE.publicKey())),
        ErrorCode.UNKNOWN_ACCOUNT);
  }

  @Test
  void revokeOfANonVerifierIsRefused() {
    genesis();
    send(ALICE, new AccountRegister("alice"));
    assertRefused(
        TxCodec.sign(OPERATOR, 1, new VerifierRevoke(ALICE.publicKey())), ErrorCode.NOT_VERIFIER);
    send(OPERATOR, new VerifierGrant(ALICE.publicKey(), "cpu"));
    send(OPERATOR, new VerifierRevoke(ALICE.publicKey()));
    assertRefused(
        TxCodec.sign(OPERATOR, 3, new VerifierRevoke(ALICE.publicKey())), ErrorCode.NOT_VERIFIER);
  }

  @Test
  void badSignaturesAreRefusedBeforeAnyRule() {
    genesis();
    Tx tx = TxCodec.sign(ALICE, 0, new AccountRegister("alice"));
    ObjectNode env = tx.json();
    byte[] sig = tx.signature();
    sig[10] ^= 0x04;
    env.put("sig", Base64.getEncoder().encodeToString(sig));
    assertRefused(TxCodec.decode(StrictJson.canonical(env)), ErrorCode.BAD_SIGNATURE);
    env.put("sig", Base64.getEncoder().encodeToString(BOB.sign(tx.signingBytes())));
    assertRefused(TxCodec.decode(StrictJson.canonical(env)), ErrorCode.BAD_SIGNATURE);
    // Even a bad genesis signature is caught at leaf 0.
    LedgerState fresh = new LedgerState();
    Tx g =
        TxCodec.sign(
            OPERATOR,
            0,
            new Genesis(OPERATOR.publicKey(), "o", Policy.defaults(), java.util.List.of()));
    ObjectNode genv = g.json();
    genv.put("sig", Base64.getEncoder().encodeToString(ALICE.sign(g.signingBytes())));
    assertThatThrownBy(
            () ->
                StateMachine.apply(
                    fresh, new Leaf(0, T0, TxCodec.decode(StrictJson.canonical(genv)))))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BAD_SIGNATURE));
    assertThat(fresh.hasGenesis()).isFalse();
  }

  @Test
  void stateDigestChangesWithEveryAcceptedLeafAndDescribesAccounts() {
    genesis();
    Hash afterGenesis = StateDigest.root(state);
    send(ALICE, new AccountRegister("alice"));
    Hash afterRegister = StateDigest.root(state);
    assertThat(afterRegister).isNotEqualTo(afterGenesis);
    ObjectNode d = StateDigest.describe(state);
    assertThat(d.get("size").longValue()).isEqualTo(2);
    assertThat(d.get("accounts")).hasSize(2);
    assertThat(d.get("minted").longValue()).isZero();
  }
}
