package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm keygen}: creates an Ed25519 key file; its public key is the account id. */
@Command(
    name = "keygen",
    description = "Create a new Ed25519 key file (back it up: it is your account).")
final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Key file to create (never overwritten).")
  Path out;

  @picocli.CommandLine.Mixin JsonOption json;

  @Override
  public Integer call() {
    SigningKey key = KeyFiles.create(out);
    json.print(
        Json.object().put("key_file", out.toString()).put("account", key.publicKey().hex()),
        "wrote " + out + "\naccount " + key.publicKey().hex());
    return 0;
  }
}
