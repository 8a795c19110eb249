package dev.swarmledger.node.storage;

import org.junit.jupiter.api.Nested;

/** Runs the storage contracts against {@link InMemoryKeyValueStore}. */
class InMemoryKeyValueStoreTest {
  @Nested
  class KeyValue extends KeyValueStoreContract {
    @Override
    protected KeyValueStore openEmpty() {
      return new InMemoryKeyValueStore();
    }
  }

  @Nested
  class Log extends LogStoreContract {
    @Override
    protected KeyValueStore openEmpty() {
      return new InMemoryKeyValueStore();
    }

    @Override
    protected KeyValueStore reopen(KeyValueStore kv) {
      return kv;
    }
  }
}
