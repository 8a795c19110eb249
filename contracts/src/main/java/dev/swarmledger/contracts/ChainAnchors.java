package dev.swarmledger.contracts;

import dev.swarmledger.client.audit.AnchorChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The auditor's view of anchors on an Ethereum chain, read through web3j. */
public final class ChainAnchors implements AnchorChain {
  private final EthereumChain chain;

  public ChainAnchors(EthereumChain chain) {
    this.chain = chain;
  }

  @Override
  public long chainId() {
    return chain.chainId();
  }

  @Override
  public Optional<Transaction> transaction(String txHash) throws IOException {
    Optional<TransactionReceipt> receipt = chain.receipt(txHash);
    if (receipt.isEmpty()) {
      return Optional.empty();
    }
    TransactionReceipt r = receipt.get();
    List<Event> events = new ArrayList<>();
    for (Log log : r.getLogs()) {
      LedgerAnchorContract.anchoredEvents(log).forEach(e -> events.add(event(e)));
    }
    return Optional.of(
        new Transaction(r.isStatusOK(), r.getBlockNumber().longValueExact(), events));
  }

  @Override
  public Latest latest(String contract, String origin) throws IOException {
    OnChainAnchor a = read(contract).latest(origin);
    return new Latest(a.size(), a.root(), a.blockNumber());
  }

  @Override
  public List<Event> history(String contract, String origin) throws IOException {
    EthFilter filter =
        new EthFilter(
                DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contract)
            .addSingleTopic(EventEncoder.encode(LedgerAnchorContract.ANCHORED))
            .addSingleTopic(Hash.sha3(toHex(origin)));
    EthLog logs = chain.web3j().ethGetLogs(filter).send();
    if (logs.hasError()) {
      throw new IOException("eth_getLogs: " + logs.getError().getMessage());
    }
    List<Event> out = new ArrayList<>();
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      Log log = (Log) result.get();
      out.addAll(
          LedgerAnchorContract.anchoredEvents(log).stream().map(ChainAnchors::event).toList());
    }
    return out;
  }

  private LedgerAnchorContract read(String contract) {
    return LedgerAnchorContract.at(contract, chain.web3j(), chain.reader(), chain.gas());
  }

  private static Event event(AnchoredEvent e) {
    return new Event(e.contract(), e.origin(), e.size(), e.root(), e.txHash(), e.blockNumber());
  }

  private static String toHex(String text) {
    StringBuilder sb = new StringBuilder("0x");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      sb.append(String.format(Locale.ROOT, "%02x", b));
    }
    return sb.toString();
  }
}
