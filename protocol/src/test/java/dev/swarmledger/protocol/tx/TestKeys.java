package dev.swarmledger.protocol.tx;

import dev.swarmledger.protocol.crypto.SigningKey;

/** Deterministic keys for tests: the same seed byte always gives the same key. */
public final class TestKeys {
  private TestKeys() {}

  public static SigningKey key(int n) {
    byte[] seed = new byte[SigningKey.SEED_LENGTH];
    seed[0] = (byte) n;
    seed[31] = (byte) 0x5a;
    return SigningKey.fromSeed(seed);
  }
}
