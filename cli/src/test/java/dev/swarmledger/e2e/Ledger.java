package dev.swarmledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.Auditor;
import dev.swarmledger.client.audit.VerificationFailure;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.BestJson;
import dev.swarmledger.protocol.api.QueryParams;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.WorkItemView;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.trainer.harness.BackendUnavailableException;
import dev.swarmledger.trainer.harness.HardwareClass;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node seen over HTTP by the tests: accounts are set up through it the way a user would (keys in
 * files, signed transactions), and everything asserted is what the node serves.
 */
final class Ledger {
  static final String CPU = measuredClass();
  static final Policy POLICY = Policy.defaults();

  /** The class this machine records for the tests' runs ({@link TinyRuns#THREADS} threads). */
  private static String measuredClass() {
    try {
      return HardwareClass.local(TinyRuns.THREADS);
    } catch (BackendUnavailableException e) {
      throw new IllegalStateException(e);
    }
  }

  final LedgerClient client;
  private final SigningKey operator;
  private final Path keys;

  Ledger(String url, SigningKey operator, Path keys) {
    this.client = new LedgerClient(url);
    this.operator = operator;
    this.keys = keys;
  }

  String url() {
    return client.baseUrl();
  }

  /** A new key, saved as {@code keys/name.key} and registered under {@code name}. */
  SigningKey register(String name) {
    SigningKey key = SigningKey.generate(new SecureRandom());
    KeyFiles.write(keyFile(name), key);
    new AccountSession(client, key).submit(new AccountRegister(name));
    return key;
  }

  /** A registered account the operator grants the verifier role for {@code hardwareClass}. */
  SigningKey verifier(String name, String hardwareClass) {
    SigningKey key = register(name);
    grant(key, hardwareClass);
    return key;
  }

  /** The operator grants {@code key} the verifier role for {@code hardwareClass}. */
  void grant(SigningKey key, String hardwareClass) {
    new AccountSession(client, operator).submit(new VerifierGrant(key.publicKey(), hardwareClass));
  }

  Path keyFile(String name) {
    return keys.resolve(name + ".key");
  }

  JsonNode result(long id) {
    return ResultJson.encode(client.result(id).orElseThrow());
  }

  /** Waits until result {@code id} is verified or rejected. */
  JsonNode awaitDecided(long id, Duration within) {
    return Await.value(
        "result #" + id + " to be decided",
        within,
        () -> {
          JsonNode r = result(id);
          return r.get("status").asText().equals("pending") ? Optional.empty() : Optional.of(r);
        });
  }

  JsonNode account(SigningKey key) {
    return AccountJson.encode(client.account(key.publicKey()).orElseThrow());
  }

  long balance(SigningKey key) {
    return account(key).get("balance").asLong();
  }

  long reputation(SigningKey key) {
    return account(key).get("reputation").asLong();
  }

  /** The log size of the node's signed checkpoint (its second line). */
  long logSize() {
    return Long.parseLong(client.checkpoint().lines().skip(1).findFirst().orElseThrow());
  }

  Optional<JsonNode> best() {
    return client.best(TinyRuns.TRACK).map(BestJson::encode);
  }

  /** Every result {@code key} submitted on the track, oldest first. */
  List<JsonNode> results(SigningKey key) {
    List<JsonNode> out = new ArrayList<>();
    client
        .results(
            ResultFilter.all()
                .account(key.publicKey())
                .track(TinyRuns.TRACK)
                .limit(QueryParams.MAX_PAGE))
        .forEach(r -> out.add(ResultJson.encode(r)));
    return out;
  }

  /** Result ids the node lists as work for {@code verifier}. */
  List<Long> work(SigningKey verifier) {
    return client.work(verifier.publicKey()).stream().map(WorkItemView::result).toList();
  }

  /** The attestations of a result made by {@code verifier}. */
  static List<JsonNode> attestationsBy(JsonNode result, SigningKey verifier) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : result.get("attestations")) {
      if (a.get("verifier").asText().equals(verifier.publicKey().hex())) {
        out.add(a);
      }
    }
    return out;
  }

  /** The full audit: log signatures and proofs, replay, every balance and best compared. */
  Auditor.Report audit() throws VerificationFailure {
    NoteVerifierKey key = NoteVerifierKey.parse(client.verifierKey());
    return new Auditor(client, key).audit(List.of(), line -> {});
  }
}
