package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.LedgerClient;
import picocli.CommandLine.Option;

/** {@code --json} for commands whose output is a short confirmation: JSON or one line of text. */
final class JsonOption {
  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  /** Prints {@code o} as JSON with {@code --json}, else {@code text}. */
  void print(ObjectNode o, String text) {
    if (json) {
      Json.print(o);
    } else {
      System.out.println(text);
    }
  }

  /** The JSON of an accepted transaction: its leaf index and hash. */
  static ObjectNode leaf(LedgerClient.Submitted s) {
    return Json.object().put("leaf", s.index()).put("leaf_hash", s.leafHash().hex());
  }
}
