package dev.swarmledger.contracts;

import dev.swarmledger.protocol.crypto.Hash;

/** One {@code Anchored} event, as read from a transaction receipt. */
public record AnchoredEvent(
    String contract, String origin, long size, Hash root, String txHash, long blockNumber) {}
