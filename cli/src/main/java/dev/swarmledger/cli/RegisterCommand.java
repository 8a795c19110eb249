package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm register}: registers the key as an account with a display name. */
@Command(name = "register", description = "Register your key as an account on a node.")
final class RegisterCommand implements Callable<Integer> {
  @Option(names = "--node", required = true, description = "Node URL, e.g. http://127.0.0.1:8080")
  String node;

  @Option(names = "--key", required = true, description = "Your key file (see swarm keygen).")
  Path keyFile;

  @Option(
      names = "--name",
      required = true,
      description = "Display name: 1-40 printable characters.")
  String name;

  @Override
  public Integer call() {
    SigningKey key = KeyFiles.read(keyFile);
    LedgerClient client = new LedgerClient(node);
    LedgerClient.Submitted s = client.submit(TxCodec.sign(key, 0, new AccountRegister(name)));
    System.out.println("registered " + name + " as " + key.publicKey().hex());
    System.out.println("leaf " + s.index() + " hash " + s.leafHash().hex());
    return 0;
  }
}
