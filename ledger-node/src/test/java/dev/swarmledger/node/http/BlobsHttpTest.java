package dev.swarmledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.blobs.BlobPutSignature;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT} and {@code GET /v1/blobs/{sha256}} on a real node (disk blob store) over HTTP. Upload
 * permissions come from the node's log: results whose runs publish weights, the verifiers whose
 * re-runs kept the same file, and jobs' outputs.
 */
class BlobsHttpTest {
  private static final long LIMIT =
      4L << 20; // above the 1 MiB JSON body limit: blobs stream past it
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path dir;
  private SwarmNode swarm;
  private LedgerNode node;
  private LedgerClient client;
  private SigningKey alice;
  private SigningKey bob;
  private AccountSession aliceSession;
  private AccountSession bobSession;
  private int results;

  @BeforeEach
  void start() {
    swarm =
        new SwarmNode(
            Optional.of(dir.resolve("node")), Clock.systemUTC(), c -> c.withMaxBlobBytes(LIMIT));
    node = swarm.node;
    client = new LedgerClient(node.url(), 1);
    aliceSession = swarm.register(1, "alice");
    bobSession = swarm.register(2, "bob");
    alice = SwarmNode.key(1);
    bob = SwarmNode.key(2);
  }

  @AfterEach
  void stop() {
    swarm.close();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Logs a result of {@code key}'s account whose run publishes {@code blob} as its weights. */
  private byte[] referencedBy(SigningKey key, byte[] blob) {
    AccountSession who = key.equals(alice) ? aliceSession : bobSession;
    String tag = "blob " + results++;
    who.submit(
        SwarmNode.result(
            OptionalLong.empty(),
            SwarmNode.source(tag),
            SwarmNode.run(1.5, tag).withWeights(Hash.sha256(blob))));
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
  void verifiersWhoseReRunsKeptTheWeightsMayUploadThemToo() throws Exception {
    AccountSession v1 = swarm.verifier(10, "v1", SwarmNode.CPU);
    AccountSession v2 = swarm.verifier(11, "v2", SwarmNode.CPU);
    byte[] blob = bytes(20_000, 15);
    Hash h = Hash.sha256(blob);
    swarm.verified(aliceSession, SwarmNode.source("model"), SwarmNode.run(1.5, "m").withWeights(h));
    Set<PublicKey> uploaders = node.log().read(s -> Set.copyOf(s.blobUploaders(h)));
    assertThat(uploaders).containsExactlyInAnyOrder(alice.publicKey(), v1.account(), v2.account());

    // A verifier uploads first; the contributor's upload then finds it stored.
    assertThat(client.putBlob(SwarmNode.key(10), blob))
        .isEqualTo(new LedgerClient.BlobPut(h, blob.length, true));
    assertThat(client.putBlob(alice, blob).created()).isFalse();
    assertThat(client.putBlob(SwarmNode.key(11), blob).created()).isFalse();
    // Bob's account references nothing.
    Reply r = signedPut(bob, h, blob);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("not_blob_uploader");
    assertThat(get(h.hex()).raw().body()).isEqualTo(blob);
  }

  @Test
  void aJobsWorkerUploadsItsOutputAndSoMayTheVerifierOnceItReproducedIt() throws Exception {
    swarm.verifier(10, "v1", SwarmNode.CPU);
    swarm.verifier(11, "v2", SwarmNode.CPU);
    AccountSession walt = swarm.worker(20, "walt");
    swarm.verified(aliceSession, SwarmNode.source("pays"), SwarmNode.run(1.5, "pays"));
    long job = aliceSession.submit(SwarmNode.trainJob(SwarmNode.source("job"), 1_000)).index();
    walt.submit(new JobLease(job));
    byte[] weights = bytes(30_000, 16);
    Hash h = Hash.sha256(weights);
    // Before the completion names the weights, nobody may upload them.
    Reply early = signedPut(SwarmNode.key(20), h, weights);
    assertThat(early.status()).isEqualTo(403);
    assertThat(early.code()).isEqualTo("blob_not_referenced");

    walt.submit(SwarmNode.trained(job, "job", h));
    AccountSession checker = swarm.checker(job);
    // The spender and the verifier that has not re-run it yet are not uploaders.
    Reply spender = signedPut(alice, h, weights);
    assertThat(spender.status()).isEqualTo(403);
    assertThat(spender.code()).isEqualTo("not_blob_uploader");
    Reply unchecked = signedPut(checkerKey(checker), h, weights);
    assertThat(unchecked.status()).isEqualTo(403);
    assertThat(unchecked.code()).isEqualTo("not_blob_uploader");
    assertNothingStored();

    assertThat(client.putBlob(SwarmNode.key(20), weights).created()).isTrue();
    JobOutput output =
        node.log().read(s -> s.job(job).orElseThrow().completion().orElseThrow().output());
    checker.submit(SwarmNode.reproduced(job, output));
    assertThat(client.putBlob(checkerKey(checker), weights).created()).isFalse();
    assertThat(client.job(job).orElseThrow().job().status()).isEqualTo(Job.Status.SETTLED);
    Path target = dir.resolve("download/job.bin");
    assertThat(client.getBlob(h, target)).isTrue();
    assertThat(target).hasBinaryContent(weights);
  }

  private static SigningKey checkerKey(AccountSession checker) {
    return checker.account().equals(SwarmNode.key(10).publicKey())
        ? SwarmNode.key(10)
        : SwarmNode.key(11);
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
