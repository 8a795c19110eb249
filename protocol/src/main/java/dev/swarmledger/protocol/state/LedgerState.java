package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.Policy;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the rules decide from: the state after applying leaves 0..size-1. Owned by one
 * thread at a time (the sequencer, or an auditor's replay); it changes only through {@link
 * StateMachine}, which checks everything before it changes anything.
 */
public final class LedgerState {
  private PublicKey operator;
  private String origin;
  private Policy policy;
  private long size;
  private Instant lastTime = Instant.EPOCH;
  private long minted;
  private long burned;
  private final TreeMap<String, Account> accounts = new TreeMap<>();
  private final Map<String, String> accountByName = new HashMap<>();

  /** Number of leaves applied. */
  public long size() {
    return size;
  }

  public boolean hasGenesis() {
    return operator != null;
  }

  public Optional<PublicKey> operator() {
    return Optional.ofNullable(operator);
  }

  public Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  public Policy policy() {
    if (policy == null) {
      throw new IllegalStateException("no genesis yet");
    }
    return policy;
  }

  /** Time of the last applied leaf: the log's clock. */
  public Instant lastTime() {
    return lastTime;
  }

  public long minted() {
    return minted;
  }

  public long burned() {
    return burned;
  }

  /** Credits in circulation: minted − burned; equals the sum of balances and escrows. */
  public long supply() {
    return minted - burned;
  }

  public Optional<Account> account(PublicKey id) {
    return Optional.ofNullable(accounts.get(id.hex()));
  }

  public Optional<Account> account(String hexId) {
    return Optional.ofNullable(accounts.get(hexId));
  }

  public Optional<Account> accountByName(String name) {
    return Optional.ofNullable(accountByName.get(name)).map(accounts::get);
  }

  /** All accounts in id order. */
  public Collection<Account> accounts() {
    return Collections.unmodifiableCollection(accounts.values());
  }

  // ---- mutation, for the state machine only ----

  void setGenesis(PublicKey operator, String origin, Policy policy) {
    this.operator = operator;
    this.origin = origin;
    this.policy = policy;
  }

  void advance(Instant time) {
    size++;
    lastTime = time;
  }

  void put(Account a) {
    Account old = accounts.put(a.id().hex(), a);
    if (old == null) {
      accountByName.put(a.name(), a.id().hex());
    }
  }

  void mint(Account to, long micro) {
    if (micro < 0) {
      throw new IllegalArgumentException("negative mint");
    }
    minted = Math.addExact(minted, micro);
    put(to.credited(micro));
  }

  void burn(long micro) {
    burned = Math.addExact(burned, micro);
  }
}
