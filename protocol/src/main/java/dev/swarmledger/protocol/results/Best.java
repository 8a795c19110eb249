package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.PublicKey;

/** The verified best of a track: the result, its val_bpb and who earned it. */
public record Best(String track, long result, double valBpb, PublicKey account, long since) {}
