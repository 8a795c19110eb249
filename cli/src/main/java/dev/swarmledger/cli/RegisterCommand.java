package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm register}: registers the key as an account with a display name. */
@Command(name = "register", description = "Register your key as an account on a node.")
final class RegisterCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin NodeOptions node;

  @picocli.CommandLine.Mixin JsonOption out;

  @Option(
      names = "--name",
      required = true,
      description = "Display name: 1-40 printable characters.")
  String name;

  @Override
  public Integer call() {
    if (node.key == null) {
      throw new IllegalArgumentException("give --key FILE (or set SWARM_KEY): see swarm keygen");
    }
    SigningKey key = KeyFiles.read(node.key);
    LedgerClient.Submitted s =
        node.client().submit(TxCodec.sign(key, 0, new AccountRegister(name)));
    out.print(
        JsonOption.leaf(s).put("account", key.publicKey().hex()).put("name", name),
        "registered "
            + name
            + " as "
            + key.publicKey().hex()
            + "\nleaf "
            + s.index()
            + " hash "
            + s.leafHash().hex());
    return 0;
  }
}
