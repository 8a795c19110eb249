package dev.swarmledger.protocol.tx;

/** The type-specific part of a transaction; implementations are immutable records. */
public interface TxBody {
  TxType type();
}
