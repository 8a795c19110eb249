package dev.swarmledger.contracts;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DynamicEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One Ethereum JSON-RPC endpoint and the chain id it answers, which every signed transaction
 * carries (EIP-155) so that it cannot be replayed on another chain.
 */
public final class EthereumChain implements AutoCloseable {
  /** How often and how long to wait for a transaction's receipt: 1 s, up to 10 minutes. */
  private static final long RECEIPT_POLL_MS = 1000;

  private static final int RECEIPT_POLLS = 600;

  private final String rpcUrl;
  private final Web3j web3j;
  private final long chainId;

  private EthereumChain(String rpcUrl, Web3j web3j, long chainId) {
    this.rpcUrl = rpcUrl;
    this.web3j = web3j;
    this.chainId = chainId;
  }

  /** Connects and asks the endpoint for its chain id. */
  public static EthereumChain connect(String rpcUrl) throws IOException {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .build();
    Web3j web3j = Web3j.build(new HttpService(rpcUrl, http));
    try {
      long id = web3j.ethChainId().send().getChainId().longValueExact();
      return new EthereumChain(rpcUrl, web3j, id);
    } catch (IOException | RuntimeException e) {
      web3j.shutdown();
      throw new IOException(
          "cannot reach the Ethereum node at " + rpcUrl + ": " + e.getMessage(), e);
    }
  }

  public String rpcUrl() {
    return rpcUrl;
  }

  public long chainId() {
    return chainId;
  }

  public Web3j web3j() {
    return web3j;
  }

  /** Signs with {@code credentials} for this chain and waits for each receipt. */
  public TransactionManager signer(Credentials credentials) {
    return new RawTransactionManager(
        web3j,
        credentials,
        chainId,
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MS, RECEIPT_POLLS));
  }

  /** Reads only: calls views, sends nothing. */
  public TransactionManager reader() {
    return new ReadonlyTransactionManager(web3j, "0x" + "0".repeat(40));
  }

  /** EIP-1559 fees from the chain's current base fee, gas limits from estimates. */
  public ContractGasProvider gas() {
    return new DynamicEIP1559GasProvider(web3j, chainId);
  }

  /** The receipt of a mined transaction; empty when the chain does not know it (yet). */
  public Optional<TransactionReceipt> receipt(String txHash) throws IOException {
    return web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
  }

  /** The address of {@code credentials}, lowercase. */
  public static String address(Credentials credentials) {
    return credentials.getAddress().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
