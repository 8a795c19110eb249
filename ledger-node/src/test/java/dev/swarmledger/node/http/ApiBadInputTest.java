package dev.swarmledger.node.http;

import static dev.swarmledger.node.TestTransactions.envelope;
import static dev.swarmledger.node.TestTransactions.nameBody;
import static dev.swarmledger.node.TestTransactions.register;
import static dev.swarmledger.node.TestTransactions.signAnyShape;
import static dev.swarmledger.node.TestTransactions.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests against a real node on port 0: each row's status and error code, the one error
 * shape, no stack trace text, and nothing written (the checkpoint stays byte-identical).
 */
class ApiBadInputTest {

  /** One bad request and what the API must answer. */
  record Row(
      String description,
      String method,
      String path,
      byte[] body,
      String contentType,
      int status,
      String code) {
    @Override
    public String toString() {
      return description;
    }
  }

  @Nested
  class InMemory extends Contract {
    @Override
    Optional<Path> dataDir(Path tmp) {
      return Optional.empty();
    }
  }

  @Nested
  class RocksDb extends Contract {
    @Override
    Optional<Path> dataDir(Path tmp) {
      return Optional.of(tmp);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    static final SigningKey OPERATOR = TestTransactions.key(1);
    static final SigningKey ALICE = TestTransactions.key(2);
    static final SigningKey BOB = TestTransactions.key(3);
    static final SigningKey STRANGER = TestTransactions.key(4);

    Path tmp;
    LedgerNode node;
    NodeHttp http;
    String checkpointAfterSetup;
    byte[] aliceRegistration;
    long size;

    abstract Optional<Path> dataDir(Path tmp);

    @BeforeAll
    void start() throws java.io.IOException {
      // Made here rather than with @TempDir, which is not injected before @BeforeAll of a
      // per-class @Nested instance.
      tmp = java.nio.file.Files.createTempDirectory("api-bad-input");
      node = LedgerNode.start(NodeConfig.of(dataDir(tmp), "127.0.0.1", 0, OPERATOR));
      http = new NodeHttp(node.url());
      aliceRegistration = register(ALICE, "alice");
      assertThat(http.postJson("/v1/tx", aliceRegistration).status()).isEqualTo(200);
      assertThat(http.postJson("/v1/tx", register(BOB, "bob")).status()).isEqualTo(200);
      size = 3;
      checkpointAfterSetup = http.checkpoint();
      assertThat(checkpointAfterSetup).contains("\n3\n");
    }

    @AfterAll
    void stop() throws java.io.IOException {
      if (node != null) {
        node.close();
      }
      try (Stream<Path> files = java.nio.file.Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }

    private static Row tx(String description, byte[] body, int status, String code) {
      return new Row(description, "POST", "/v1/tx", body, "application/json", status, code);
    }

    private static Row get(String description, String path, int status, String code) {
      return new Row(description, "GET", path, null, null, status, code);
    }

    private static byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceOnce(byte[] json, String from, String to) {
      String s = new String(json, StandardCharsets.UTF_8);
      assertThat(s).contains(from);
      return utf8(
          s.replaceFirst(
              java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    Stream<Arguments> rows() {
      SigningKey fresh = TestTransactions.freshKey();
      String freshHex = fresh.publicKey().hex();
      Tx valid = TxCodec.sign(fresh, 0, new AccountRegister("fresh-one"));
      byte[] validBytes = TestTransactions.bytes(valid);

      ObjectNode extraTop = envelope(fresh, 0, "account.register", nameBody("x1"));
      extraTop.put("memo", "hello");
      ObjectNode extraBody = envelope(fresh, 0, "account.register", nameBody("x2"));
      ((ObjectNode) extraBody.get("body")).put("avatar", "png");
      ObjectNode stringNonce = envelope(fresh, 0, "account.register", nameBody("x3"));
      stringNonce.put("nonce", "0");
      ObjectNode negativeNonce = envelope(fresh, 0, "account.register", nameBody("x4"));
      negativeNonce.put("nonce", -1);
      ObjectNode unknownType =
          envelope(fresh, 0, "credit.mint", StrictJson.nodes().objectNode().put("amount", 5));
      ObjectNode v2 = envelope(fresh, 0, "account.register", nameBody("x5"));
      v2.put("v", 2);
      ObjectNode upperAccount = envelope(fresh, 0, "account.register", nameBody("x6"));
      upperAccount.put("account", freshHex.toUpperCase(java.util.Locale.ROOT));
      ObjectNode noSig = envelope(fresh, 0, "account.register", nameBody("x7"));

      byte[] flipped = validBytes.clone();
      Tx flippedTx = TxCodec.decode(validBytes);
      byte[] sig = flippedTx.signature();
      sig[5] ^= 0x01;
      ObjectNode flippedEnv = flippedTx.json();
      flippedEnv.put("sig", Base64.getEncoder().encodeToString(sig));
      flipped = StrictJson.canonical(flippedEnv);

      ObjectNode otherSigner = valid.json();
      otherSigner.put(
          "sig", Base64.getEncoder().encodeToString(STRANGER.sign(valid.signingBytes())));
      ObjectNode shortSig = valid.json();
      shortSig.put("sig", Base64.getEncoder().encodeToString(new byte[63]));

      byte[] huge = new byte[(1 << 20) + 1024];
      java.util.Arrays.fill(huge, (byte) ' ');
      System.arraycopy(validBytes, 0, huge, 0, validBytes.length);

      String h = ALICE.publicKey().hex();
      List<Row> rows = new ArrayList<>();
      // --- POST /v1/tx: not one strict JSON object
      rows.add(tx("broken JSON", utf8("{\"v\":1,\"type\":"), 400, "malformed_json"));
      rows.add(tx("empty body", new byte[0], 400, "malformed_json"));
      rows.add(
          tx(
              "JSON array instead of object",
              utf8("[" + new String(validBytes, StandardCharsets.UTF_8) + "]"),
              400,
              "malformed_json"));
      rows.add(tx("JSON string instead of object", utf8("\"tx\""), 400, "malformed_json"));
      rows.add(
          tx(
              "duplicate key",
              replaceOnce(validBytes, "{\"account\":", "{\"v\":1,\"account\":"),
              400,
              "malformed_json"));
      rows.add(
          tx(
              "trailing garbage after the envelope",
              utf8(new String(validBytes, StandardCharsets.UTF_8) + "}"),
              400,
              "malformed_json"));
      rows.add(
          tx(
              "invalid UTF-8",
              new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'},
              400,
              "malformed_json"));
      // --- shape of the envelope (each signed correctly, so only the shape is wrong)
      rows.add(tx("unknown top-level field", signAnyShape(fresh, extraTop), 400, "unknown_field"));
      rows.add(tx("unknown body field", signAnyShape(fresh, extraBody), 400, "unknown_field"));
      rows.add(tx("nonce of the wrong type", signAnyShape(fresh, stringNonce), 400, "wrong_type"));
      rows.add(
          tx(
              "nonce written 0.0",
              replaceOnce(validBytes, "\"nonce\":0", "\"nonce\":0.0"),
              400,
              "non_canonical_number"));
      rows.add(
          tx(
              "nonce written 1.0",
              replaceOnce(validBytes, "\"nonce\":0", "\"nonce\":1.0"),
              400,
              "non_canonical_number"));
      rows.add(
          tx(
              "nonce written 1e0",
              replaceOnce(validBytes, "\"nonce\":0", "\"nonce\":1e0"),
              400,
              "non_canonical_number"));
      rows.add(
          tx(
              "nonce written -0",
              replaceOnce(validBytes, "\"nonce\":0", "\"nonce\":-0"),
              400,
              "non_canonical_number"));
      rows.add(
          tx(
              "nonce beyond 2^53",
              replaceOnce(validBytes, "\"nonce\":0", "\"nonce\":9007199254740993"),
              400,
              "non_canonical_number"));
      rows.add(tx("negative nonce", signAnyShape(fresh, negativeNonce), 400, "out_of_range"));
      rows.add(tx("missing sig", StrictJson.canonical(noSig), 400, "missing_field"));
      rows.add(
          tx("sig of 63 bytes", StrictJson.canonical(shortSig), 400, "invalid_signature_encoding"));
      rows.add(
          tx("uppercase account hex", signAnyShape(fresh, upperAccount), 400, "invalid_account"));
      rows.add(tx("unknown tx type", signAnyShape(fresh, unknownType), 400, "unknown_tx_type"));
      rows.add(tx("envelope v=2", signAnyShape(fresh, v2), 400, "unsupported_version"));
      rows.add(
          tx(
              "name of 41 characters",
              signAnyShape(fresh, envelope(fresh, 0, "account.register", nameBody("n".repeat(41)))),
              400,
              "invalid_name"));
      rows.add(
          tx(
              "name with a control character",
              signAnyShape(
                  fresh, envelope(fresh, 0, "account.register", nameBody("bad\u0007name"))),
              400,
              "invalid_name"));
      rows.add(
          tx(
              "name with a zero-width space",
              signAnyShape(
                  fresh, envelope(fresh, 0, "account.register", nameBody("zero\u200bwidth"))),
              400,
              "invalid_name"));
      rows.add(
          tx(
              "empty name",
              signAnyShape(fresh, envelope(fresh, 0, "account.register", nameBody(""))),
              400,
              "invalid_name"));
      rows.add(
          tx(
              "name with a trailing space",
              signAnyShape(fresh, envelope(fresh, 0, "account.register", nameBody("trailing "))),
              400,
              "invalid_name"));
      rows.add(
          new Row(
              "body over the 1 MiB limit",
              "POST",
              "/v1/tx",
              huge,
              "application/json",
              413,
              "body_too_large"));
      // --- signatures
      rows.add(tx("signature with one bit flipped", flipped, 401, "bad_signature"));
      rows.add(
          tx("signature by another key", StrictJson.canonical(otherSigner), 401, "bad_signature"));
      // --- nonces and rules
      rows.add(
          tx(
              "replayed nonce (the exact accepted registration again)",
              aliceRegistration,
              409,
              "nonce_replayed"));
      rows.add(
          tx(
              "future nonce",
              signed(fresh, 1, new AccountRegister("future")),
              409,
              "nonce_too_high"));
      rows.add(
          tx(
              "registering an account twice",
              signed(ALICE, 1, new AccountRegister("alice2")),
              409,
              "already_registered"));
      rows.add(tx("name taken", register(fresh, "alice"), 409, "name_taken"));
      rows.add(tx("name of the operator", register(fresh, "operator"), 409, "name_taken"));
      rows.add(
          tx(
              "operator-only grant from a non-operator",
              signed(ALICE, 1, new VerifierGrant(BOB.publicKey(), "cpu")),
              422,
              "not_operator"));
      rows.add(
          tx(
              "operator-only revoke from a non-operator",
              signed(ALICE, 1, new VerifierRevoke(BOB.publicKey())),
              422,
              "not_operator"));
      rows.add(
          tx(
              "grant from an unregistered key",
              signed(fresh, 0, new VerifierGrant(BOB.publicKey(), "cpu")),
              422,
              "not_registered"));
      rows.add(
          tx(
              "grant to an unknown account",
              signed(OPERATOR, 1, new VerifierGrant(fresh.publicKey(), "cpu")),
              404,
              "unknown_account"));
      rows.add(
          tx(
              "revoke of a non-verifier",
              signed(OPERATOR, 1, new VerifierRevoke(ALICE.publicKey())),
              422,
              "not_verifier"));
      rows.add(
          tx(
              "second genesis",
              signed(
                  OPERATOR,
                  1,
                  new Genesis(
                      OPERATOR.publicKey(),
                      NodeConfig.DEFAULT_ORIGIN,
                      Policy.defaults(),
                      java.util.List.of())),
              422,
              "genesis_exists"));
      // --- transport
      rows.add(
          new Row(
              "valid tx sent as text/plain",
              "POST",
              "/v1/tx",
              validBytes,
              "text/plain",
              415,
              "unsupported_media_type"));
      rows.add(
          new Row(
              "valid tx sent as form data",
              "POST",
              "/v1/tx",
              validBytes,
              "application/x-www-form-urlencoded",
              415,
              "unsupported_media_type"));
      rows.add(
          new Row(
              "GET on the tx endpoint", "GET", "/v1/tx", null, null, 405, "method_not_allowed"));
      rows.add(
          new Row(
              "PUT of a tx",
              "PUT",
              "/v1/tx",
              validBytes,
              "application/json",
              405,
              "method_not_allowed"));
      rows.add(
          new Row(
              "DELETE of the checkpoint",
              "DELETE",
              "/v1/log/checkpoint",
              null,
              null,
              405,
              "method_not_allowed"));
      rows.add(
          new Row(
              "POST to an unknown path",
              "POST",
              "/v1/transactions",
              validBytes,
              "application/json",
              404,
              "not_found"));
      rows.add(get("GET of an unknown path", "/v2/log/checkpoint", 404, "not_found"));
      rows.add(
          get("GET of a path below a known one", "/v1/log/checkpoint/extra", 404, "not_found"));
      // --- entries
      rows.add(
          get("entries with start > end", "/v1/log/entries?start=2&end=1", 400, "out_of_range"));
      rows.add(
          get(
              "entries with negative start",
              "/v1/log/entries?start=-1&end=2",
              400,
              "invalid_query"));
      rows.add(
          get(
              "entries with non-numeric start",
              "/v1/log/entries?start=abc&end=2",
              400,
              "invalid_query"));
      rows.add(
          get(
              "entries with start written +1",
              "/v1/log/entries?start=%2B1&end=2",
              400,
              "invalid_query"));
      rows.add(
          get(
              "entries with start of 20 digits",
              "/v1/log/entries?start=99999999999999999999&end=2",
              400,
              "invalid_query"));
      rows.add(
          get(
              "entries with start beyond the size",
              "/v1/log/entries?start=4&end=10",
              400,
              "out_of_range"));
      rows.add(get("entries without end", "/v1/log/entries?start=0", 400, "invalid_query"));
      rows.add(get("entries without any parameter", "/v1/log/entries", 400, "invalid_query"));
      rows.add(
          get(
              "entries with start given twice",
              "/v1/log/entries?start=0&start=1&end=2",
              400,
              "invalid_query"));
      rows.add(
          get("entries with an empty end", "/v1/log/entries?start=0&end=", 400, "invalid_query"));
      // --- inclusion proofs
      rows.add(
          get(
              "inclusion with index = size",
              "/v1/log/proof/inclusion?index=3&size=3",
              400,
              "out_of_range"));
      rows.add(
          get(
              "inclusion with size 0",
              "/v1/log/proof/inclusion?index=0&size=0",
              400,
              "out_of_range"));
      rows.add(
          get(
              "inclusion with size beyond the log",
              "/v1/log/proof/inclusion?index=0&size=4",
              400,
              "out_of_range"));
      rows.add(
          get("inclusion without size", "/v1/log/proof/inclusion?index=0", 400, "invalid_query"));
      rows.add(
          get(
              "inclusion with a fractional index",
              "/v1/log/proof/inclusion?index=0.0&size=1",
              400,
              "invalid_query"));
      // --- consistency proofs
      rows.add(
          get("consistency from 0", "/v1/log/proof/consistency?from=0&to=2", 400, "out_of_range"));
      rows.add(
          get(
              "consistency with from > to",
              "/v1/log/proof/consistency?from=3&to=2",
              400,
              "out_of_range"));
      rows.add(
          get(
              "consistency to beyond the log",
              "/v1/log/proof/consistency?from=1&to=4",
              400,
              "out_of_range"));
      rows.add(
          get("consistency without to", "/v1/log/proof/consistency?from=1", 400, "invalid_query"));
      // --- accounts
      rows.add(get("unknown account id", "/v1/accounts/" + freshHex, 404, "unknown_account"));
      rows.add(get("malformed account id", "/v1/accounts/not-an-account", 400, "invalid_account"));
      rows.add(
          get(
              "uppercase account id",
              "/v1/accounts/" + h.toUpperCase(java.util.Locale.ROOT),
              400,
              "invalid_account"));
      rows.add(
          get(
              "account id one digit short",
              "/v1/accounts/" + h.substring(1),
              400,
              "invalid_account"));
      return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusesAndWritesNothing(Row row) {
      NodeHttp.Reply reply = http.send(row.method(), row.path(), row.body(), row.contentType());
      assertThat(reply.status())
          .as("%s: %s", row.description(), reply.text())
          .isEqualTo(row.status());
      assertErrorShape(reply, row.code());
      assertThat(http.checkpoint())
          .as("checkpoint after: %s", row.description())
          .isEqualTo(checkpointAfterSetup);
      NodeHttp.Reply entries = http.get("/v1/log/entries?start=0&end=100");
      assertThat(entries.json().get("entries")).hasSize((int) size);
    }

    @Test
    void tableHasAtLeast25Rows() {
      assertThat(rows().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void accountIdThatIsNotACurvePointIs400() {
      String notAPoint = "00".repeat(32);
      NodeHttp.Reply get = http.get("/v1/accounts/" + notAPoint);
      assertThat(get.status()).isEqualTo(400);
      assertErrorShape(get, "invalid_account");
      ObjectNode env = envelope(ALICE, 1, "account.register", nameBody("nopoint"));
      env.put("account", notAPoint);
      env.put("sig", Base64.getEncoder().encodeToString(new byte[64]));
      NodeHttp.Reply post = http.postJson("/v1/tx", StrictJson.canonical(env));
      assertThat(post.status()).isEqualTo(400);
      assertErrorShape(post, "invalid_account");
      assertThat(http.checkpoint()).isEqualTo(checkpointAfterSetup);
    }

    static void assertErrorShape(NodeHttp.Reply reply, String code) {
      assertThat(reply.contentType()).startsWith("application/json");
      String text = reply.text();
      assertThat(text)
          .doesNotContain("Exception")
          .doesNotContain("at dev.")
          .doesNotContain("\tat ");
      JsonNode root = reply.json();
      assertThat(root.isObject()).as(text).isTrue();
      assertThat(fieldNames(root)).as(text).containsExactly("error");
      JsonNode error = root.get("error");
      assertThat(error.isObject()).as(text).isTrue();
      assertThat(fieldNames(error)).as(text).containsExactlyInAnyOrder("code", "message");
      assertThat(error.get("code").isTextual()).isTrue();
      assertThat(error.get("message").isTextual()).isTrue();
      assertThat(error.get("message").textValue()).isNotBlank();
      assertThat(error.get("code").textValue()).as(text).isEqualTo(code);
    }

    private static List<String> fieldNames(JsonNode n) {
      List<String> out = new ArrayList<>();
      Iterator<String> it = n.fieldNames();
      it.forEachRemaining(out::add);
      return out;
    }
  }
}
