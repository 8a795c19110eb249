package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm balance}. */
@Command(
    name = "balance",
    description = "Show an account's credits (1 credit = 10^15 verified FLOPs).")
final class BalanceCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(names = "--account", description = "Account id (default: the --key's account).")
  String account;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() {
    String id = account != null ? account : keyAccount();
    AccountView a =
        node.client()
            .account(TxCodec.accountId(id, "--account"))
            .orElseThrow(() -> new ExitCodes.Missing("unknown account " + id));
    if (json) {
      Json.print(AccountJson.encode(a));
      return 0;
    }
    System.out.printf(
        "%s (%s)%n  spendable  %s credits%n  pending    %s (unsampled results in their challenge window)%n  escrowed   %s%n  earned     %s%n  reputation %d%n  roles      %s%n",
        a.name(),
        id,
        Credits.format(a.balance()),
        Credits.format(a.pending()),
        Credits.format(a.escrowed()),
        Credits.format(a.earned()),
        a.reputation(),
        a.roles());
    return 0;
  }

  private String keyAccount() {
    if (node.key == null) {
      throw new IllegalArgumentException("give --account ID or --key FILE");
    }
    return KeyFiles.read(node.key).publicKey().hex();
  }
}
