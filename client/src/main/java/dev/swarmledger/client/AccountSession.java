package dev.swarmledger.client;

import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;

/**
 * Signs and submits transactions for one key, taking the next nonce from the node. One session per
 * key at a time: two writers with the same key race for nonces (the loser gets {@code
 * nonce_replayed} and nothing is written).
 */
public final class AccountSession {
  private final LedgerClient client;
  private final SigningKey key;

  public AccountSession(LedgerClient client, SigningKey key) {
    this.client = client;
    this.key = key;
  }

  public PublicKey account() {
    return key.publicKey();
  }

  public LedgerClient client() {
    return client;
  }

  /** The nonce the node expects next from this key (0 for a key it does not know). */
  public long nextNonce() {
    return client.account(key.publicKey()).map(AccountView::nextNonce).orElse(0L);
  }

  /** Signs {@code body} with the next nonce and submits it; returns once it is durable. */
  public LedgerClient.Submitted submit(TxBody body) {
    return client.submit(sign(body, nextNonce()));
  }

  public Tx sign(TxBody body, long nonce) {
    return TxCodec.sign(key, nonce, body);
  }
}
