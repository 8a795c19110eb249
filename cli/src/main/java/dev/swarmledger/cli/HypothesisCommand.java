package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm hypothesis}: post an idea for the swarm. */
@Command(
    name = "hypothesis",
    description = "Post a hypothesis: an idea worth trying, with evidence.")
final class HypothesisCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Mixin JsonOption out;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(names = "--title", required = true, description = "One line.")
  String title;

  @Option(names = "--text", required = true, description = "The reasoning.")
  String text;

  @Option(names = "--change", defaultValue = "", description = "The suggested code change.")
  String change;

  @Option(names = "--evidence", split = ",", description = "Result ids that support it.")
  List<Long> evidence = List.of();

  @Option(
      names = "--priority",
      defaultValue = "2",
      description = "0 (low) to 5 (high); default ${DEFAULT-VALUE}.")
  int priority;

  @Override
  public Integer call() {
    LedgerClient.Submitted s =
        node.session().submit(new HypothesisCreate(track, title, text, change, evidence, priority));
    out.print(
        JsonOption.leaf(s).put("hypothesis", s.index()), "hypothesis #" + s.index() + " posted");
    return 0;
  }
}
