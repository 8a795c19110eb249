package dev.swarmledger.bench.ledger;

import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Pre-signed load: {@code account.register} transactions of fresh keys (nonce 0, unique names), the
 * only transaction a non-operator can send today. Signing is client work, so it happens here,
 * before any clock starts. Keys come from a seeded generator: the load is the same in every run.
 */
final class SignedTxs {
  private SignedTxs() {}

  /** {@code count} registrations named {@code prefix-0 .. prefix-(count-1)}, signed in parallel. */
  static Tx[] registrations(String prefix, int count, long seed) {
    Tx[] txs = new Tx[count];
    IntStream.range(0, count).parallel().forEach(i -> txs[i] = registration(prefix, i, seed));
    return txs;
  }

  static Tx registration(String prefix, int i, long seed) {
    byte[] keySeed = new byte[SigningKey.SEED_LENGTH];
    new SplittableRandom(seed * 1_000_003L + i).nextBytes(keySeed);
    return TxCodec.sign(SigningKey.fromSeed(keySeed), 0, new AccountRegister(prefix + "-" + i));
  }
}
