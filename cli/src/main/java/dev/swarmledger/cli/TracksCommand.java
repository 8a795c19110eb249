package dev.swarmledger.cli;

import picocli.CommandLine.Command;

/** {@code swarm tracks}: the tracks on the ledger (the same as {@code swarm track list}). */
@Command(
    name = "tracks",
    description = "The tracks on the ledger, with their budgets and bests (= swarm track list).")
final class TracksCommand extends TrackCommand.ListTracks {}
