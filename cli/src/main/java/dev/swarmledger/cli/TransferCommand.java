package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.tx.TxCodec;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm transfer}. */
@Command(name = "transfer", description = "Send credits to another account.")
final class TransferCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Mixin JsonOption out;

  @Option(names = "--to", required = true, description = "Recipient account id.")
  String to;

  @Option(
      names = "--amount",
      required = true,
      description = "Credits, up to 6 decimals (e.g. 1.5).")
  BigDecimal amount;

  @Option(names = "--memo", description = "A note for the recipient.")
  String memo;

  @Override
  public Integer call() {
    long micro;
    try {
      micro = amount.movePointRight(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("--amount has more than 6 decimals or is too large");
    }
    LedgerClient.Submitted s =
        node.session()
            .submit(
                new CreditTransfer(
                    TxCodec.accountId(to, "--to"), micro, Optional.ofNullable(memo)));
    out.print(
        JsonOption.leaf(s).put("to", to).put("amount", Credits.format(micro)),
        "sent " + Credits.format(micro) + " credits to " + to + " (leaf " + s.index() + ")");
    return 0;
  }
}
