package dev.swarmledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.protocol.crypto.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;

/**
 * {@code LedgerAnchor} on a real local chain (anvil): the operator anchors and anyone reads; the
 * attacks — another account anchoring, a shrinking log, a second root for the latest size — are
 * mined and reverted by the contract itself (a fixed gas limit skips estimation, so the refusal is
 * the chain's, not the client's), and leave the stored anchor as it was.
 */
class LedgerAnchorContractTest {
  private static final String ORIGIN = "swarmledger.test/log";

  /** No estimate: a transaction the contract refuses is still sent, mined and reverted. */
  private static final ContractGasProvider FIXED_GAS =
      new StaticEIP1559GasProvider(
          LocalChain.CHAIN_ID,
          BigInteger.valueOf(10_000_000_000L),
          BigInteger.valueOf(1_000_000_000L),
          BigInteger.valueOf(300_000));

  private static LocalChain anvil;
  private static EthereumChain chain;
  private static Credentials operator;
  private static Credentials other;

  @BeforeAll
  static void startChain() throws Exception {
    anvil = LocalChain.start();
    chain = EthereumChain.connect(anvil.rpcUrl());
    operator = EthereumKeys.parse(LocalChain.OPERATOR_KEY, "operator");
    other = EthereumKeys.parse(LocalChain.OTHER_KEY, "other");
  }

  @AfterAll
  static void stopChain() throws Exception {
    if (chain != null) {
      chain.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  private static LedgerAnchorContract deploy() throws Exception {
    return LedgerAnchorContract.deploy(chain.web3j(), chain.signer(operator), chain.gas());
  }

  private static Hash root(int n) {
    return Hash.sha256(new byte[] {(byte) n});
  }

  @Test
  void theOperatorAnchorsAndEveryoneReadsTheLatestAnchorAndItsEvent() throws Exception {
    assertThat(chain.chainId()).isEqualTo(LocalChain.CHAIN_ID);
    LedgerAnchorContract c = deploy();
    assertThat(c.operator()).isEqualTo(EthereumChain.address(operator));
    assertThat(c.latest(ORIGIN).exists()).isFalse();

    TransactionReceipt r = c.anchor(ORIGIN, 5, root(5));
    assertThat(r.isStatusOK()).isTrue();
    assertThat(LedgerAnchorContract.anchoredEvents(r, c.address()))
        .containsExactly(
            new AnchoredEvent(
                c.address(),
                ORIGIN,
                5,
                root(5),
                r.getTransactionHash(),
                r.getBlockNumber().longValueExact()));

    // A reader with no key sees the same anchor.
    LedgerAnchorContract read =
        LedgerAnchorContract.at(c.address(), chain.web3j(), chain.reader(), chain.gas());
    assertThat(read.latest(ORIGIN))
        .isEqualTo(new OnChainAnchor(5, root(5), r.getBlockNumber().longValueExact()));
    assertThat(read.latest("another/log").exists()).isFalse();

    // Growing, and re-posting the same root for the same size, are both fine.
    c.anchor(ORIGIN, 5, root(5));
    TransactionReceipt grown = c.anchor(ORIGIN, 9, root(9));
    // A guard on cost, not a timing: measured 92,650 gas for the first anchor, 41,678 later.
    System.out.printf(
        "gas: first anchor %s, later anchor %s%n", r.getGasUsed(), grown.getGasUsed());
    assertThat(r.getGasUsed()).isLessThan(BigInteger.valueOf(120_000));
    assertThat(grown.getGasUsed()).isLessThan(BigInteger.valueOf(60_000));
    assertThat(read.latest(ORIGIN).size()).isEqualTo(9);
    assertThat(chain.receipt(grown.getTransactionHash())).isPresent();
  }

  @Test
  void attackAnAccountOtherThanTheOperatorCannotAnchor() throws Exception {
    LedgerAnchorContract c = deploy();
    c.anchor(ORIGIN, 3, root(3));
    LedgerAnchorContract asOther =
        LedgerAnchorContract.at(c.address(), chain.web3j(), chain.signer(other), FIXED_GAS);
    assertThat(c.refusal(EthereumChain.address(other), ORIGIN, 4, root(4))).hasValue("NotOperator");
    assertRevertedOnChain(() -> asOther.anchor(ORIGIN, 4, root(4)));
    assertRevertedOnChain(() -> asOther.anchor("their/log", 1, root(1)));
    assertThat(c.latest(ORIGIN).size()).isEqualTo(3);
    assertThat(c.latest("their/log").exists()).isFalse();
  }

  @Test
  void attackAShrinkingLogOrASecondRootForTheSameSizeIsRefused() throws Exception {
    LedgerAnchorContract c = deploy();
    TransactionReceipt first = c.anchor(ORIGIN, 10, root(10));
    LedgerAnchorContract fixed =
        LedgerAnchorContract.at(c.address(), chain.web3j(), chain.signer(operator), FIXED_GAS);
    String op = EthereumChain.address(operator);
    assertThat(c.refusal(op, ORIGIN, 9, root(9))).hasValue("LogShrank");
    assertThat(c.refusal(op, ORIGIN, 10, root(11))).hasValue("ConflictingRoot");
    assertThat(c.refusal(op, ORIGIN, 10, root(10))).isEmpty();
    assertThat(c.refusal(op, "", 11, root(11))).hasValue("EmptyOrigin");
    assertRevertedOnChain(() -> fixed.anchor(ORIGIN, 9, root(9)));
    assertRevertedOnChain(() -> fixed.anchor(ORIGIN, 10, root(11)));
    assertThat(c.latest(ORIGIN))
        .isEqualTo(new OnChainAnchor(10, root(10), first.getBlockNumber().longValueExact()));
    // Origins are independent: a small size on another origin is fine.
    fixed.anchor("other/log", 1, root(1));
  }

  @Test
  void theBindingUsesOnlyFunctionsAndEventsOfTheCompiledAbi() {
    CompiledContract compiled = CompiledContract.ledgerAnchor();
    assertThat(compiled.solc()).startsWith("0.8.37+");
    assertThat(compiled.evmVersion()).isEqualTo("shanghai");
    List<String> signatures = new ArrayList<>();
    for (JsonNode item : compiled.abi()) {
      if (!item.has("name")) {
        continue;
      }
      List<String> types = new ArrayList<>();
      item.get("inputs").forEach(i -> types.add(i.get("type").asText()));
      signatures.add(item.get("name").asText() + "(" + String.join(",", types) + ")");
    }
    assertThat(signatures)
        .contains(
            LedgerAnchorContract.FUNC_ANCHOR + "(string,uint64,bytes32)",
            LedgerAnchorContract.FUNC_LATEST + "(string)",
            LedgerAnchorContract.FUNC_OPERATOR + "()",
            "Anchored(bytes32,string,uint64,bytes32)");
    assertThat(compiled.bin()).matches("[0-9a-f]+");
  }

  private interface ChainCall {
    TransactionReceipt run() throws Exception;
  }

  private static void assertRevertedOnChain(ChainCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TransactionException.class,
            e -> {
              TransactionReceipt r = e.getTransactionReceipt().orElseThrow();
              assertThat(r.isStatusOK()).isFalse();
              assertThat(r.getBlockNumber()).isPositive();
            });
  }
}
