package dev.swarmledger.client;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.api.QueryParams;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobComplete;
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
                    + ex.wireCode()
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
          boolean nonce = ex.is(ErrorCode.NONCE_REPLAYED) || ex.is(ErrorCode.NONCE_TOO_HIGH);
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
    // A job's completion or attestation cannot take effect twice either: the rules refuse a second
    // one (the lease or the check is gone), so re-signing it under a fresh nonce is safe.
    return tx.body() instanceof ResultSubmit
        || tx.body() instanceof AttestationSubmit
        || tx.body() instanceof JobComplete
        || tx.body() instanceof JobAttest;
  }

  /** Whether the effect of {@code tx} is already recorded (its earlier submission got through). */
  private boolean alreadyOnLedger(Tx tx) {
    PublicKey me = key.publicKey();
    if (tx.body() instanceof ResultSubmit r) {
      return client
          .results(ResultFilter.all().account(me).track(r.track()).limit(QueryParams.MAX_PAGE))
          .stream()
          .anyMatch(v -> v.sourceSha256().equals(r.sourceSha256()));
    }
    if (tx.body() instanceof AttestationSubmit a) {
      try {
        return client.result(a.result()).map(v -> v.attestedBy(me)).orElse(false);
      } catch (ApiException ex) {
        return false;
      }
    }
    return false;
  }
}
