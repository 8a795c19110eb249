package dev.swarmledger.protocol.tracks;

import dev.swarmledger.protocol.crypto.Hash;

/** A data set named by where it lives and what it must hash to. */
public record DataSetRef(String url, Hash sha256, long bytes) {}
