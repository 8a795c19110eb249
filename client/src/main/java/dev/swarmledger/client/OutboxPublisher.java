package dev.swarmledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Publishes an {@link Outbox} in order. Exactly-once in effect for results and attestations: one
 * whose answer was lost (the node stored it, then the connection broke) is recognised on the ledger
 * and not sent again, and one whose nonce was taken meanwhile is re-signed with the next. Other
 * transactions are never re-signed: a nonce conflict settles them as refused. Stops at the first
 * sign that the node is away, keeping the rest for later.
 */
public final class OutboxPublisher {
  /** One entry's fate. */
  public record Published(
      Tx tx, Optional<LedgerClient.Submitted> submitted, Optional<ApiException> refused) {}

  private final LedgerClient client;
  private final SigningKey key;
  private final Outbox outbox;

  public OutboxPublisher(LedgerClient client, SigningKey key, Outbox outbox) {
    this.client = client;
    this.key = key;
    this.outbox = outbox;
  }

  /**
   * Sends what is waiting; returns what was settled (published, found already published, or refused
   * for good). Entries stay queued while the node is unreachable.
   */
  public List<Published> flush(Consumer<String> log) {
    List<Published> settled = new ArrayList<>();
    for (Outbox.Entry e : outbox.pending()) {
      Tx tx = e.tx();
      for (int attempt = 0; ; attempt++) {
        try {
          LedgerClient.Submitted s = client.submit(tx);
          outbox.remove(e.sequence());
          settled.add(new Published(tx, Optional.of(s), Optional.empty()));
          break;
        } catch (ApiException ex) {
          if (ex.transientFailure()) {
            log.accept(
                "node unreachable ("
                    + ex.code()
                    + "); "
                    + outbox.pending().size()
                    + " queued for later");
            return settled;
          }
          if (alreadyOnLedger(tx)) {
            outbox.remove(e.sequence());
            settled.add(new Published(tx, Optional.empty(), Optional.empty()));
            break;
          }
          boolean nonce = ex.code().equals("nonce_replayed") || ex.code().equals("nonce_too_high");
          // Re-signing is safe only where a landed copy would have been recognised above;
          // anything else (a transfer, say) might then take effect twice.
          if (nonce && recognisable(tx) && attempt < 3) {
            long next = new AccountSession(client, key).nextNonce();
            tx = TxCodec.sign(key, next, tx.body());
            outbox.replace(e.sequence(), tx);
            continue;
          }
          log.accept("refused for good: " + tx + ": " + ex);
          outbox.remove(e.sequence());
          settled.add(new Published(tx, Optional.empty(), Optional.of(ex)));
          break;
        }
      }
    }
    return settled;
  }

  private static boolean recognisable(Tx tx) {
    return tx.body() instanceof ResultSubmit || tx.body() instanceof AttestationSubmit;
  }

  /** Whether the effect of {@code tx} is already recorded (its earlier submission got through). */
  private boolean alreadyOnLedger(Tx tx) {
    String me = key.publicKey().hex();
    if (tx.body() instanceof ResultSubmit r) {
      JsonNode results =
          client.getJson(
              "v1/results?account="
                  + me
                  + "&track="
                  + LedgerClient.encode(r.track())
                  + "&limit=500");
      for (JsonNode n : results.get("results")) {
        if (n.get("source_sha256").asText().equals(r.sourceSha256().hex())) {
          return true;
        }
      }
      return false;
    }
    if (tx.body() instanceof AttestationSubmit a) {
      try {
        JsonNode result = client.getJson("v1/results/" + a.result());
        for (JsonNode at : result.get("attestations")) {
          if (at.get("verifier").asText().equals(me)) {
            return true;
          }
        }
      } catch (ApiException ex) {
        return false;
      }
    }
    return false;
  }
}
