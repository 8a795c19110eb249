package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One account's line on a track's leaderboard: its best verified val_bpb (absent until one of its
 * results is verified), its results by status and the credits they minted. Name, earned and
 * reputation are absent only for an account the state does not know.
 */
public record LeaderboardRow(
    int rank,
    PublicKey account,
    Optional<String> name,
    OptionalLong earned,
    OptionalLong reputation,
    OptionalDouble bestValBpb,
    OptionalLong bestResult,
    long verified,
    long rejected,
    long pending,
    long mintedForResults) {}
