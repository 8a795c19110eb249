package dev.swarmledger.protocol.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signed envelope: round trip, exactly what is signed, and the code of every refusal. */
class TxCodecTest {
  private static final SigningKey ALICE = TestKeys.key(1);
  private static final SigningKey BOB = TestKeys.key(2);

  private static Tx register(String name) {
    return TxCodec.sign(ALICE, 3, new AccountRegister(name));
  }

  private static ErrorCode refusal(byte[] bytes) {
    try {
      TxCodec.decode(bytes);
    } catch (Rejection r) {
      return r.code();
    }
    throw new AssertionError("accepted: " + new String(bytes, StandardCharsets.UTF_8));
  }

  /** A valid envelope, changed by {@code edit}, serialised (not re-signed: decode checks form). */
  private static byte[] edited(Consumer<ObjectNode> edit) {
    ObjectNode env = register("alice").json();
    edit.accept(env);
    return StrictJson.canonical(env);
  }

  @Test
  void signThenDecodeRoundTripsEveryBodyType() {
    TxBody[] bodies = {
      new Genesis(ALICE.publicKey(), "swarm.example/log", Policy.defaults(), java.util.List.of()),
      new AccountRegister("Zo\u00eb"),
      new VerifierGrant(BOB.publicKey(), "cpu-x86_64"),
      new VerifierRevoke(BOB.publicKey())
    };
    for (TxBody body : bodies) {
      Tx tx = TxCodec.sign(ALICE, 7, body);
      Tx back = TxCodec.decode(StrictJson.canonical(tx.json()));
      assertThat(back.type()).isEqualTo(body.type());
      assertThat(back.account()).isEqualTo(ALICE.publicKey());
      assertThat(back.nonce()).isEqualTo(7);
      assertThat(back.body()).isEqualTo(body);
      assertThat(back.signature()).isEqualTo(tx.signature());
      assertThat(back.signatureValid()).isTrue();
      assertThat(back.id()).isEqualTo(tx.id());
      assertThat(StrictJson.canonical(back.json())).isEqualTo(StrictJson.canonical(tx.json()));
    }
  }

  @Test
  void signatureCoversTheDomainPrefixAndTheCanonicalEnvelopeWithoutSig() {
    Tx tx = TxCodec.sign(ALICE, 3, new AccountRegister("Zo\u00eb \u6570\u5b66"));
    // Written out by hand, keys sorted, no whitespace, UTF-8: RFC 8785 for this envelope.
    String expectedText =
        "swarmledger/tx/v1\n"
            + "{\"account\":\""
            + ALICE.publicKey().hex()
            + "\",\"body\":{\"name\":\"Zo\u00eb \u6570\u5b66\"},\"nonce\":3,"
            + "\"type\":\"account.register\",\"v\":1}";
    byte[] expected = expectedText.getBytes(StandardCharsets.UTF_8);
    assertThat(tx.signingBytes()).isEqualTo(expected);

    // Recompute independently with Bouncy Castle: Ed25519 is deterministic, so the signature is
    // exactly this one, and it verifies under the raw public key.
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(ALICE.seed(), 0);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, priv);
    signer.update(expected, 0, expected.length);
    byte[] independent = signer.generateSignature();
    assertThat(tx.signature()).isEqualTo(independent);
    assertThat(tx.json().get("sig").textValue())
        .isEqualTo(Base64.getEncoder().encodeToString(independent));

    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(ALICE.publicKey().bytes(), 0));
    verifier.update(expected, 0, expected.length);
    assertThat(verifier.verifySignature(tx.signature())).isTrue();
  }

  @Test
  void signatureWithoutTheDomainPrefixDoesNotVerify() {
    byte[] bare =
        ("{\"account\":\""
                + ALICE.publicKey().hex()
                + "\",\"body\":{\"name\":\"alice\"},\"nonce\":3,\"type\":\"account.register\",\"v\":1}")
            .getBytes(StandardCharsets.UTF_8);
    ObjectNode env = register("alice").json();
    env.put("sig", Base64.getEncoder().encodeToString(ALICE.sign(bare)));
    Tx tx = TxCodec.decode(StrictJson.canonical(env));
    assertThat(tx.signatureValid()).isFalse();
  }

  @Test
  void signatureCheckDoesNotDependOnTheSendersKeyOrderOrWhitespace() {
    Tx tx = register("alice");
    String sent =
        "{ \"sig\": \""
            + tx.json().get("sig").textValue()
            + "\", \"v\": 1, \"nonce\": 3,"
            + " \"body\": { \"name\": \"alice\" }, \"type\": \"account.register\","
            + " \"account\": \""
            + ALICE.publicKey().hex()
            + "\" }";
    Tx decoded = TxCodec.decode(sent.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded.signatureValid()).isTrue();
    assertThat(decoded.id()).isEqualTo(tx.id());
  }

  @Test
  void anyChangeToASignedFieldBreaksTheSignature() {
    Tx tx = register("alice");
    for (Consumer<ObjectNode> change :
        java.util.List.<Consumer<ObjectNode>>of(
            e -> e.put("nonce", 4),
            e -> ((ObjectNode) e.get("body")).put("name", "alicf"),
            e -> e.put("account", BOB.publicKey().hex()),
            e ->
                e.put("type", "verifier.revoke")
                    .set(
                        "body",
                        StrictJson.nodes().objectNode().put("account", BOB.publicKey().hex())))) {
      ObjectNode env = tx.json();
      change.accept(env);
      assertThat(TxCodec.decode(StrictJson.canonical(env)).signatureValid()).isFalse();
    }
  }

  @Test
  void signatureByAnotherKeyDoesNotVerify() {
    Tx tx = register("alice");
    ObjectNode env = tx.json();
    env.put("sig", Base64.getEncoder().encodeToString(BOB.sign(tx.signingBytes())));
    assertThat(TxCodec.decode(StrictJson.canonical(env)).signatureValid()).isFalse();
  }

  @Test
  void refusesUnknownAndMisplacedFields() {
    assertThat(refusal(edited(e -> e.put("memo", "hi")))).isEqualTo(ErrorCode.UNKNOWN_FIELD);
    assertThat(refusal(edited(e -> ((ObjectNode) e.get("body")).put("extra", 1))))
        .isEqualTo(ErrorCode.UNKNOWN_FIELD);
    // A null field is not a way to smuggle an unknown key past done().
    assertThat(refusal(edited(e -> e.putNull("memo")))).isEqualTo(ErrorCode.UNKNOWN_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v", "type", "account", "nonce", "body", "sig"})
  void refusesAMissingOrNullField(String field) {
    assertThat(refusal(edited(e -> e.remove(field)))).isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(refusal(edited(e -> e.putNull(field)))).isEqualTo(ErrorCode.MISSING_FIELD);
  }

  @Test
  void refusesAMissingBodyField() {
    assertThat(refusal(edited(e -> ((ObjectNode) e.get("body")).remove("name"))))
        .isEqualTo(ErrorCode.MISSING_FIELD);
  }

  @Test
  void refusesWrongTypes() {
    assertThat(refusal(edited(e -> e.put("nonce", "3")))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("nonce", true)))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("nonce", 3.5)))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("v", "1")))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("type", 1)))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("account", 1)))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("sig", 1)))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.putArray("body")))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> e.put("body", "name")))).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal(edited(e -> ((ObjectNode) e.get("body")).put("name", 5))))
        .isEqualTo(ErrorCode.WRONG_TYPE);
  }

  @Test
  void refusesNonCanonicalAndOutOfRangeNonces() {
    String canonical =
        new String(StrictJson.canonical(register("alice").json()), StandardCharsets.UTF_8);
    assertThat(canonical).contains("\"nonce\":3,");
    for (String nonce : new String[] {"3.0", "3e0", "0.3e1", "-0"}) {
      byte[] bytes =
          canonical
              .replace("\"nonce\":3,", "\"nonce\":" + nonce + ",")
              .getBytes(StandardCharsets.UTF_8);
      assertThat(refusal(bytes)).as(nonce).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    }
    assertThat(refusal(edited(e -> e.put("nonce", -1)))).isEqualTo(ErrorCode.OUT_OF_RANGE);
    assertThat(refusal(edited(e -> e.put("nonce", 1L << 53))))
        .isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    Tx max = TxCodec.sign(ALICE, (1L << 53) - 1, new AccountRegister("alice"));
    assertThat(TxCodec.decode(StrictJson.canonical(max.json())).nonce()).isEqualTo((1L << 53) - 1);
  }

  @Test
  void refusesOtherVersions() {
    assertThat(refusal(edited(e -> e.put("v", 2)))).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    assertThat(refusal(edited(e -> e.put("v", 0)))).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    assertThat(refusal(edited(e -> e.put("v", -1)))).isEqualTo(ErrorCode.OUT_OF_RANGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "account.Register",
        "ACCOUNT.REGISTER",
        "account.register ",
        "",
        "credit.mint",
        "genesis2"
      })
  void refusesUnknownTypes(String type) {
    assertThat(refusal(edited(e -> e.put("type", type)))).isEqualTo(ErrorCode.UNKNOWN_TX_TYPE);
  }

  @Test
  void refusesAccountIdsThatAreNotLowercaseHexOf32Bytes() {
    String hex = ALICE.publicKey().hex();
    for (String bad :
        new String[] {
          hex.toUpperCase(java.util.Locale.ROOT),
          hex.substring(0, 63),
          hex + "0",
          hex.substring(0, 62) + "zz",
          "0x" + hex.substring(2),
          "",
          Base64.getEncoder().encodeToString(ALICE.publicKey().bytes())
        }) {
      assertThat(refusal(edited(e -> e.put("account", bad))))
          .as(bad)
          .isEqualTo(ErrorCode.INVALID_ACCOUNT);
    }
    // One uppercase digit is enough to be refused: one key, one spelling.
    String mixed = hex.replaceFirst("[a-f]", "A");
    assertThat(refusal(edited(e -> e.put("account", mixed)))).isEqualTo(ErrorCode.INVALID_ACCOUNT);
    assertThat(
            refusal(
                edited(
                    e ->
                        e.put("type", "verifier.revoke")
                            .set(
                                "body",
                                StrictJson.nodes()
                                    .objectNode()
                                    .put("account", hex.toUpperCase(java.util.Locale.ROOT))))))
        .isEqualTo(ErrorCode.INVALID_ACCOUNT);
  }

  @Test
  void refusesAnAccountIdThatIsNotACurvePoint() {
    String notAPoint = "00".repeat(32);
    assertThatThrownBy(() -> TxCodec.accountId(notAPoint, "tx.account"))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_ACCOUNT));
    assertThat(refusal(edited(e -> e.put("account", notAPoint))))
        .isEqualTo(ErrorCode.INVALID_ACCOUNT);
  }

  @Test
  void refusesSignaturesThatAreNotTheCanonicalBase64Of64Bytes() {
    byte[] sig = register("alice").signature();
    String good = Base64.getEncoder().encodeToString(sig);
    String[] bad = {
      Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sig, 63)),
      Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sig, 65)),
      Base64.getEncoder().withoutPadding().encodeToString(sig),
      Base64.getUrlEncoder().encodeToString(new byte[64]).replace('A', '-'),
      good.substring(0, good.length() - 4) + "====",
      " " + good,
      good + "\n",
      "",
      "not base64!"
    };
    for (String s : bad) {
      assertThat(refusal(edited(e -> e.put("sig", s))))
          .as(s)
          .isEqualTo(ErrorCode.INVALID_SIGNATURE_ENCODING);
    }
    // Non-zero padding bits are a second spelling of the same bytes: refused as well.
    char last = good.charAt(good.length() - 3);
    String twin = good.substring(0, good.length() - 3) + (char) (last + 1) + "==";
    if (!twin.equals(good)) {
      assertThat(refusal(edited(e -> e.put("sig", twin))))
          .isEqualTo(ErrorCode.INVALID_SIGNATURE_ENCODING);
    }
  }

  @Test
  void refusesBadBodiesOfOperatorTypes() {
    ObjectNode grant = TxCodec.sign(ALICE, 0, new VerifierGrant(BOB.publicKey(), "cpu")).json();
    ((ObjectNode) grant.get("body")).put("hardware_class", "");
    assertThat(refusal(StrictJson.canonical(grant))).isEqualTo(ErrorCode.OUT_OF_RANGE);
    ((ObjectNode) grant.get("body")).put("hardware_class", "x".repeat(65));
    assertThat(refusal(StrictJson.canonical(grant))).isEqualTo(ErrorCode.OUT_OF_RANGE);
    ((ObjectNode) grant.get("body")).put("hardware_class", "cpu\u0000");
    assertThat(refusal(StrictJson.canonical(grant))).isEqualTo(ErrorCode.INVALID_ARGUMENT);

    ObjectNode genesis =
        TxCodec.sign(
                ALICE,
                0,
                new Genesis(ALICE.publicKey(), "o", Policy.defaults(), java.util.List.of()))
            .json();
    ((ObjectNode) genesis.get("body").get("policy")).put("trusted_sample_percent", 0);
    assertThat(refusal(StrictJson.canonical(genesis))).isEqualTo(ErrorCode.OUT_OF_RANGE);
    ((ObjectNode) genesis.get("body").get("policy")).put("trusted_sample_percent", 25).put("x", 1);
    assertThat(refusal(StrictJson.canonical(genesis))).isEqualTo(ErrorCode.UNKNOWN_FIELD);
  }

  @Test
  void envelopeCopiesAreIndependent() {
    Tx tx = register("alice");
    tx.json().put("nonce", 99);
    byte[] sig = tx.signature();
    sig[0] ^= 1;
    assertThat(tx.nonce()).isEqualTo(3);
    assertThat(tx.json().get("nonce").longValue()).isEqualTo(3);
    assertThat(tx.signatureValid()).isTrue();
  }
}
