package dev.swarmledger.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * The web3j binding of {@code LedgerAnchor} (src/main/solidity/LedgerAnchor.sol), over the bytecode
 * the build compiled. Written against the ABI by hand, as small as the contract; {@code
 * LedgerAnchorContractTest} checks every function and event it uses against the compiled ABI.
 */
public final class LedgerAnchorContract extends Contract {
  static final String FUNC_ANCHOR = "anchor";
  static final String FUNC_LATEST = "latest";
  static final String FUNC_OPERATOR = "operator";

  /** {@code Anchored(bytes32 indexed originHash, string origin, uint64 treeSize, bytes32 root)}. */
  public static final Event ANCHORED =
      new Event(
          "Anchored",
          List.of(
              new TypeReference<Bytes32>(true) {},
              new TypeReference<Utf8String>() {},
              new TypeReference<Uint64>() {},
              new TypeReference<Bytes32>() {}));

  // web3j's deploy() finds this constructor by reflection.
  LedgerAnchorContract(
      String address, Web3j web3j, TransactionManager transactions, ContractGasProvider gas) {
    super(CompiledContract.ledgerAnchor().bin(), address, web3j, transactions, gas);
  }

  /** Deploys a new contract; its operator is the deploying account. */
  public static LedgerAnchorContract deploy(
      Web3j web3j, TransactionManager transactions, ContractGasProvider gas)
      throws IOException, TransactionException {
    try {
      return deploy(
          LedgerAnchorContract.class,
          web3j,
          transactions,
          gas,
          CompiledContract.ledgerAnchor().bin(),
          "",
          BigInteger.ZERO);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof TransactionException tx) {
        throw tx;
      }
      throw e;
    }
  }

  /** The contract at {@code address}. */
  public static LedgerAnchorContract at(
      String address, Web3j web3j, TransactionManager transactions, ContractGasProvider gas) {
    return new LedgerAnchorContract(address, web3j, transactions, gas);
  }

  /** The contract's address in lowercase, as the log records it. */
  public String address() {
    return getContractAddress().toLowerCase(Locale.ROOT);
  }

  /** Posts (origin, size, root); throws when the transaction reverts. */
  public TransactionReceipt anchor(String origin, long size, Hash root)
      throws IOException, TransactionException {
    return executeTransaction(
        new Function(
            FUNC_ANCHOR,
            List.of(new Utf8String(origin), new Uint64(size), new Bytes32(root.bytes())),
            List.of()));
  }

  /** The contract's custom errors by selector (the first 4 bytes of the revert data). */
  private static final Map<String, String> ERRORS =
      Stream.of(
              "NotOperator(address)",
              "EmptyOrigin()",
              "LogShrank(uint64,uint64)",
              "ConflictingRoot(uint64,bytes32,bytes32)")
          .collect(
              Collectors.toMap(
                  s ->
                      Numeric.toHexString(
                          org.web3j.crypto.Hash.sha3(s.getBytes(UTF_8)), 0, 4, true),
                  s -> s.substring(0, s.indexOf('('))));

  /**
   * Simulates {@code anchor} from {@code from} without sending it: the name of the contract's error
   * (e.g. {@code LogShrank}) if it would revert, empty if it would pass.
   */
  public Optional<String> refusal(String from, String origin, long size, Hash root)
      throws IOException {
    String data =
        FunctionEncoder.encode(
            new Function(
                FUNC_ANCHOR,
                List.of(new Utf8String(origin), new Uint64(size), new Bytes32(root.bytes())),
                List.of()));
    EthCall call =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(from, getContractAddress(), data),
                DefaultBlockParameterName.LATEST)
            .send();
    if (!call.isReverted() && !call.hasError()) {
      return Optional.empty();
    }
    String revert = call.hasError() ? String.valueOf(call.getError().getData()) : "";
    String selector =
        revert.replace("\"", "").length() >= 10 ? revert.replace("\"", "").substring(0, 10) : "";
    return Optional.of(
        ERRORS.getOrDefault(
            selector.toLowerCase(Locale.ROOT),
            call.hasError() ? call.getError().getMessage() : "reverted"));
  }

  /** The latest anchor the contract holds for {@code origin}. */
  public OnChainAnchor latest(String origin) throws IOException {
    List<Type> out =
        executeCallMultipleValueReturn(
            new Function(
                FUNC_LATEST,
                List.of(new Utf8String(origin)),
                List.of(
                    new TypeReference<Uint64>() {},
                    new TypeReference<Bytes32>() {},
                    new TypeReference<Uint64>() {})));
    if (out.size() != 3) {
      throw new IOException("latest(" + origin + ") returned no data: is this a LedgerAnchor?");
    }
    return new OnChainAnchor(
        ((Uint64) out.get(0)).getValue().longValueExact(),
        Hash.of(((Bytes32) out.get(1)).getValue()),
        ((Uint64) out.get(2)).getValue().longValueExact());
  }

  /** The one account allowed to anchor. */
  public String operator() throws IOException {
    Address a =
        executeCallSingleValueReturn(
            new Function(FUNC_OPERATOR, List.of(), List.of(new TypeReference<Address>() {})));
    if (a == null) {
      throw new IOException("operator() returned no data: is this a LedgerAnchor?");
    }
    return a.getValue().toLowerCase(Locale.ROOT);
  }

  /** The {@code Anchored} events that contract {@code address} emitted in {@code receipt}. */
  public static List<AnchoredEvent> anchoredEvents(TransactionReceipt receipt, String address) {
    List<AnchoredEvent> out = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (log.getAddress().equalsIgnoreCase(address)) {
        out.addAll(anchoredEvents(log));
      }
    }
    return out;
  }

  /** The {@code Anchored} event in {@code log}, if it is one (any contract). */
  public static List<AnchoredEvent> anchoredEvents(Log log) {
    if (log.getTopics().isEmpty()
        || !log.getTopics().get(0).equals(EventEncoder.encode(ANCHORED))) {
      return List.of();
    }
    List<Type> data = staticExtractEventParameters(ANCHORED, log).getNonIndexedValues();
    return List.of(
        new AnchoredEvent(
            log.getAddress().toLowerCase(Locale.ROOT),
            ((Utf8String) data.get(0)).getValue(),
            ((Uint64) data.get(1)).getValue().longValueExact(),
            Hash.of(((Bytes32) data.get(2)).getValue()),
            log.getTransactionHash().toLowerCase(Locale.ROOT),
            log.getBlockNumber().longValueExact()));
  }
}
