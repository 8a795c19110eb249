package dev.swarmledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.blobs.BlobPutSignature;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT} and {@code GET /v1/blobs/{sha256}} on a real node (disk blob store) over HTTP. The
 * upload permissions come from a map standing in for the job transactions that will reference
 * blobs.
 */
class BlobsHttpTest {
  private static final long LIMIT =
      4L << 20; // above the 1 MiB JSON body limit: blobs stream past it
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigningKey alice = SwarmNode.key(1);
  private final SigningKey bob = SwarmNode.key(2);
  private final Map<Hash, PublicKey> references = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path dir;
  private LedgerNode node;
  private LedgerClient client;

  @BeforeEach
  void start() {
    NodeConfig config =
        NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, SwarmNode.key(0))
            .withMaxBlobBytes(LIMIT);
    node = LedgerNode.start(config, h -> Optional.ofNullable(references.get(h)));
    client = new LedgerClient(node.url(), 1);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private byte[] referencedBy(SigningKey key, byte[] blob) {
    references.put(Hash.sha256(blob), key.publicKey());
    return blob;
  }

  /** Nothing under the blob folder but the empty temp folder. */
  private void assertNothingStored() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("node/blobs"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  record Reply(int status, HttpResponse<byte[]> raw) {
    String code() {
      try {
        return JSON.readTree(raw.body()).get("error").get("code").asText();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A PUT as any client could send it: path hash, body, and the given signature headers. */
  private Reply put(
      Hash pathHash, HttpRequest.BodyPublisher body, Map<String, String> headers, boolean expect)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(node.url() + "/v1/blobs/" + pathHash.hex()))
            .timeout(Duration.ofSeconds(30))
            .expectContinue(expect)
            .PUT(body);
    headers.forEach(b::header);
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r);
  }

  private Reply signedPut(SigningKey key, Hash pathHash, byte[] body) throws Exception {
    return put(
        pathHash,
        HttpRequest.BodyPublishers.ofByteArray(body),
        auth(key, pathHash, body.length),
        false);
  }

  private static Map<String, String> auth(SigningKey key, Hash hash, long length) {
    return Map.of(
        BlobPutSignature.ACCOUNT_HEADER,
        key.publicKey().hex(),
        BlobPutSignature.SIGNATURE_HEADER,
        Base64.getEncoder().encodeToString(BlobPutSignature.sign(key, hash, length)));
  }

  private Reply get(String hex) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(node.url() + "/v1/blobs/" + hex)).build();
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r);
  }

  @Test
  void uploadByTheReferencingAccountIsServedBackByteForByte() throws Exception {
    byte[] blob = referencedBy(alice, bytes(3 << 20, 1)); // three times the JSON body limit
    Hash h = Hash.sha256(blob);

    LedgerClient.BlobPut put = client.putBlob(alice, blob);
    assertThat(put).isEqualTo(new LedgerClient.BlobPut(h, blob.length, true));

    Reply got = get(h.hex());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.raw().headers().firstValue("content-type")).contains("application/octet-stream");
    assertThat(got.raw().headers().firstValueAsLong("content-length")).hasValue(blob.length);
    assertThat(got.raw().body()).isEqualTo(blob);

    Path target = dir.resolve("download/weights.bin");
    assertThat(client.getBlob(h, target)).isTrue();
    assertThat(target).hasBinaryContent(blob);
    assertThat(dir.resolve("node/blobs").resolve(h.hex().substring(0, 2)).resolve(h.hex()))
        .hasBinaryContent(blob);
  }

  @Test
  void reUploadOfAStoredBlobAnswers200WithoutRewritingIt() throws Exception {
    byte[] blob = referencedBy(alice, bytes(10_000, 2));
    Hash h = Hash.sha256(blob);
    assertThat(signedPut(alice, h, blob).status()).isEqualTo(201);
    Path file = dir.resolve("node/blobs").resolve(h.hex().substring(0, 2)).resolve(h.hex());
    Object inode = Files.readAttributes(file, "unix:ino").get("ino");

    Reply again = signedPut(alice, h, blob);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("created").asBoolean()).isFalse();
    assertThat(client.putBlob(alice, blob).created()).isFalse();
    assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void uploadOfAFileStreamsFromDisk() throws Exception {
    byte[] blob = referencedBy(bob, bytes(200_000, 3));
    Path file = Files.write(dir.resolve("out.bin"), blob);
    assertThat(client.putBlob(bob, file).created()).isTrue();
    assertThat(get(Hash.sha256(blob).hex()).raw().body()).isEqualTo(blob);
  }

  @Test
  void uploadWaitingFor100ContinueIsAccepted() throws Exception {
    byte[] blob = referencedBy(alice, bytes(50_000, 4));
    Hash h = Hash.sha256(blob);
    Reply r =
        put(h, HttpRequest.BodyPublishers.ofByteArray(blob), auth(alice, h, blob.length), true);
    assertThat(r.status()).isEqualTo(201);
    assertThat(get(h.hex()).raw().body()).isEqualTo(blob);
  }

  @Test
  void hashNoLoggedTransactionReferencesIsRefused() throws Exception {
    byte[] blob = bytes(1000, 5);
    assertThatThrownBy(() -> client.putBlob(alice, blob))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BLOB_NOT_REFERENCED);
              assertThat(e.status()).isEqualTo(403);
            });
    assertNothingStored();
  }

  @Test
  void aNodeReadingItsLogRefusesEveryUploadUntilTransactionsReferenceBlobs() {
    try (LedgerNode plain =
        LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, SwarmNode.key(0)))) {
      assertThatThrownBy(() -> new LedgerClient(plain.url(), 1).putBlob(alice, bytes(100, 14)))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_NOT_REFERENCED));
      assertThat(plain.blobs().has(Hash.sha256(bytes(100, 14)))).isFalse();
    }
  }

  @Test
  void hashReferencedByAnotherAccountIsRefused() throws Exception {
    byte[] blob = referencedBy(bob, bytes(1000, 6));
    Reply r = signedPut(alice, Hash.sha256(blob), blob);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("not_blob_uploader");
    assertNothingStored();
  }

  @Test
  void badOrMissingSignatureIsRefused() throws Exception {
    byte[] blob = referencedBy(alice, bytes(1000, 7));
    Hash h = Hash.sha256(blob);
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofByteArray(blob);

    // Bob signs but claims to be Alice.
    Map<String, String> forged =
        Map.of(
            BlobPutSignature.ACCOUNT_HEADER,
            alice.publicKey().hex(),
            BlobPutSignature.SIGNATURE_HEADER,
            auth(bob, h, blob.length).get(BlobPutSignature.SIGNATURE_HEADER));
    Reply r = put(h, body, forged, false);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("bad_signature");

    // Alice's signature of another length.
    r = put(h, body, auth(alice, h, blob.length + 1), false);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("bad_signature");

    r = put(h, body, Map.of(), false);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("missing_signature");

    r =
        put(
            h,
            body,
            Map.of(
                BlobPutSignature.ACCOUNT_HEADER,
                alice.publicKey().hex(),
                BlobPutSignature.SIGNATURE_HEADER,
                "not base64!"),
            false);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("invalid_signature_encoding");
    assertNothingStored();
  }

  @Test
  void bodyWithAnotherHashIsRefusedAndNothingIsStored() throws Exception {
    byte[] claimed = referencedBy(alice, bytes(100_000, 8));
    byte[] sent = bytes(100_000, 9);
    Reply r = signedPut(alice, Hash.sha256(claimed), sent);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("blob_hash_mismatch");
    assertNothingStored();
    assertThat(get(Hash.sha256(claimed).hex()).status()).isEqualTo(404);
  }

  @Test
  void blobOverTheLimitIs413AndNothingIsStored() throws Exception {
    byte[] blob = referencedBy(alice, bytes((int) LIMIT + 1, 10));
    Hash h = Hash.sha256(blob);
    Reply r = signedPut(alice, h, blob);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.code()).isEqualTo("blob_too_large");
    assertNothingStored();
    // The node still answers on a fresh connection, and the JSON API is unaffected.
    assertThat(client.checkpoint()).isNotEmpty();
  }

  @Test
  void clientWaitingFor100ContinueIsRefusedBeforeSendingTheBody() throws Exception {
    byte[] blob = referencedBy(alice, bytes((int) LIMIT + 1, 13));
    Hash h = Hash.sha256(blob);
    Map<String, String> auth = auth(alice, h, blob.length);
    URI uri = URI.create(node.url());
    // A raw socket, so the test sees exactly what the node sends and that it hangs up.
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(10_000);
      String head =
          "PUT /v1/blobs/"
              + h.hex()
              + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + blob.length
              + "\r\nExpect: 100-continue\r\n"
              + BlobPutSignature.ACCOUNT_HEADER
              + ": "
              + auth.get(BlobPutSignature.ACCOUNT_HEADER)
              + "\r\n"
              + BlobPutSignature.SIGNATURE_HEADER
              + ": "
              + auth.get(BlobPutSignature.SIGNATURE_HEADER)
              + "\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"blob_too_large\"");
    }
    assertNothingStored();
  }

  @Test
  void bodyWithoutAContentLengthIsRefused() throws Exception {
    byte[] blob = referencedBy(alice, bytes(1000, 11));
    Hash h = Hash.sha256(blob);
    Reply r =
        put(
            h,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob)),
            auth(alice, h, blob.length),
            false);
    assertThat(r.status()).isEqualTo(411);
    assertThat(r.code()).isEqualTo("length_required");
    assertNothingStored();
  }

  @Test
  void absentBlobIs404AndABadNameIs400() throws Exception {
    Hash h = Hash.sha256(bytes(10, 12));
    Reply r = get(h.hex());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("unknown_blob");
    assertThat(client.getBlob(h, dir.resolve("nothing.bin"))).isFalse();
    assertThat(dir.resolve("nothing.bin")).doesNotExist();

    r = get(h.hex().toUpperCase(java.util.Locale.ROOT));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("invalid_argument");
  }

  @Test
  void otherMethodsOnABlobAre405() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(node.url() + "/v1/blobs/" + Hash.sha256(new byte[0]).hex()))
            .DELETE()
            .build();
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
