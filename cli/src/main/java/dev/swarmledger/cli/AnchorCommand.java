package dev.swarmledger.cli;

import dev.swarmledger.client.ApiException;
import dev.swarmledger.contracts.AnchorPoster;
import dev.swarmledger.contracts.EthereumChain;
import dev.swarmledger.contracts.EthereumKeys;
import dev.swarmledger.contracts.LedgerAnchorContract;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.exceptions.TransactionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code swarm anchor}: the operator posts the node's signed checkpoints to its {@code
 * LedgerAnchor} contract on a schedule and records each posting on the log ({@code anchor.record},
 * signed with the operator's ledger key). {@code swarm anchor deploy} creates the contract.
 */
@Command(
    name = "anchor",
    description =
        "Operator: post the node's checkpoints to the LedgerAnchor contract every N seconds and"
            + " record each on the log (anchor.record). Needs the operator key (--key) and an"
            + " Ethereum key (--eth-key).",
    subcommands = AnchorCommand.Deploy.class)
final class AnchorCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  // Checked in call(), not by picocli: `swarm anchor deploy` does not need them.
  @Option(names = "--rpc", description = "Ethereum JSON-RPC URL (required).")
  String rpc;

  @Option(
      names = "--eth-key",
      description = "File holding the Ethereum private key (hex) that deployed the contract.")
  Path ethKey;

  @Option(
      names = "--contract",
      defaultValue = "${env:SWARM_ANCHOR_CONTRACT}",
      description = "LedgerAnchor address (default: $SWARM_ANCHOR_CONTRACT).")
  String contract;

  @Option(
      names = "--every",
      defaultValue = "3600",
      description = "Seconds between anchors (default: ${DEFAULT-VALUE}).")
  long everySeconds;

  @Option(names = "--once", description = "Anchor the current checkpoint once, then exit.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    if (rpc == null || ethKey == null) {
      throw new IllegalArgumentException("swarm anchor needs --rpc URL and --eth-key FILE");
    }
    if (everySeconds < 1) {
      throw new IllegalArgumentException("--every must be at least 1 second");
    }
    String address = address(contract);
    Credentials credentials = EthereumKeys.read(ethKey);
    try (EthereumChain chain = EthereumChain.connect(rpc)) {
      LedgerAnchorContract c =
          LedgerAnchorContract.at(address, chain.web3j(), chain.signer(credentials), chain.gas());
      String operator = c.operator();
      if (!operator.equals(EthereumChain.address(credentials))) {
        System.err.println(
            "error: the contract's operator is "
                + operator
                + ", not the --eth-key account "
                + EthereumChain.address(credentials));
        return 2;
      }
      AnchorPoster poster = new AnchorPoster(node.client(), node.session(), c, chain.chainId());
      System.out.println(
          "anchoring "
              + node.node
              + " to "
              + address
              + " on chain "
              + chain.chainId()
              + (once ? " once" : " every " + everySeconds + " s"));
      while (true) {
        try {
          AnchorPoster.Round round = poster.once();
          System.out.println(round.message());
        } catch (ApiException | IOException | UncheckedIOException | TransactionException e) {
          // The node or the chain is unreachable or refused this round: try again next round.
          if (once) {
            throw e;
          }
          System.err.println("anchor round failed, retrying in " + everySeconds + " s: " + e);
        }
        if (once) {
          return 0;
        }
        Thread.sleep(everySeconds * 1000);
      }
    }
  }

  static String address(String s) {
    if (s == null || !AnchorRecord.isAddress(s.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "--contract must be a contract address (0x and 40 hex digits)");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code swarm anchor deploy}: creates a LedgerAnchor whose operator is the --eth-key account.
   */
  @Command(
      name = "deploy",
      description =
          "Deploy a LedgerAnchor contract; the --eth-key account becomes its only operator.")
  static final class Deploy implements Callable<Integer> {
    @Option(names = "--rpc", required = true, description = "Ethereum JSON-RPC URL.")
    String rpc;

    @Option(names = "--eth-key", required = true, description = "Ethereum private key file.")
    Path ethKey;

    @Override
    public Integer call() throws Exception {
      Credentials credentials = EthereumKeys.read(ethKey);
      try (EthereumChain chain = EthereumChain.connect(rpc)) {
        LedgerAnchorContract c =
            LedgerAnchorContract.deploy(chain.web3j(), chain.signer(credentials), chain.gas());
        System.out.println(
            "deployed LedgerAnchor at "
                + c.address()
                + " on chain "
                + chain.chainId()
                + "; operator "
                + EthereumChain.address(credentials));
        return 0;
      }
    }
  }
}
