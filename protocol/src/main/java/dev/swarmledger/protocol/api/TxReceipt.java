package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.Hash;

/** A durable transaction's place in the log: the answer of {@code POST /v1/tx}. */
public record TxReceipt(long index, Hash leafHash) {}
