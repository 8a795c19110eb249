package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the rules decide from: the state after applying leaves 0..size-1. Owned by one thread
 * at a time (the sequencer, or an auditor's replay); it changes only through the {@link Transition}
 * that {@link StateMachine} hands a rule, which checks everything before it writes.
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
  private final TreeMap<String, TrackSpec> tracks = new TreeMap<>();
  private final TreeMap<Long, Claim> claims = new TreeMap<>();
  private final TreeMap<Long, Hypothesis> hypotheses = new TreeMap<>();
  private final TreeMap<Long, Result> results = new TreeMap<>();
  private final TreeSet<Long> pending = new TreeSet<>();
  private final TreeSet<Long> challengeable = new TreeSet<>();
  private final Map<String, Long> resultBySource = new HashMap<>();
  private final TreeMap<String, Best> best = new TreeMap<>();
  private final TreeMap<Long, Job> jobs = new TreeMap<>();
  private final TreeSet<Long> activeJobs = new TreeSet<>();
  private final Map<Hash, Set<PublicKey>> blobReferences = new HashMap<>();
  private final TreeMap<Long, Anchor> anchors = new TreeMap<>();
  private final Map<String, Long> latestAnchorByContract = new HashMap<>();
  private final Map<String, Long> anchorByTransaction = new HashMap<>();

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

  /** Credits in circulation: minted − burned; equals the sum of balances, escrows and pending. */
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

  public Optional<TrackSpec> track(String id) {
    return Optional.ofNullable(tracks.get(id));
  }

  /** All tracks in id order. */
  public Collection<TrackSpec> tracks() {
    return Collections.unmodifiableCollection(tracks.values());
  }

  public Optional<Claim> claim(long id) {
    return Optional.ofNullable(claims.get(id));
  }

  /** All claims in id (log) order. */
  public Collection<Claim> claims() {
    return Collections.unmodifiableCollection(claims.values());
  }

  /** All claims, newest first. */
  public Collection<Claim> claimsNewestFirst() {
    return Collections.unmodifiableCollection(claims.descendingMap().values());
  }

  public Optional<Hypothesis> hypothesis(long id) {
    return Optional.ofNullable(hypotheses.get(id));
  }

  public Collection<Hypothesis> hypotheses() {
    return Collections.unmodifiableCollection(hypotheses.values());
  }

  public Optional<Result> result(long id) {
    return Optional.ofNullable(results.get(id));
  }

  /** All results in id (log) order. */
  public NavigableMap<Long, Result> results() {
    return Collections.unmodifiableNavigableMap(results);
  }

  /** Results still waiting for attestations, in id order. */
  public Collection<Result> pendingResults() {
    return pending.stream().map(results::get).toList();
  }

  /** Unsampled results whose challenge window is still open (pending credits), in id order. */
  public Collection<Result> challengeableResults() {
    return challengeable.stream().map(results::get).toList();
  }

  /** The result on {@code track} whose source has this hash, if any. */
  public Optional<Long> resultWithSource(String track, Hash sourceSha256) {
    return Optional.ofNullable(resultBySource.get(track + "/" + sourceSha256.hex()));
  }

  public Optional<Best> best(String track) {
    return Optional.ofNullable(best.get(track));
  }

  public Optional<Job> job(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** All jobs in id (log) order. */
  public NavigableMap<Long, Job> jobs() {
    return Collections.unmodifiableNavigableMap(jobs);
  }

  /** Jobs a worker holds or a verifier is to check (running or verifying), in id order. */
  public Collection<Job> activeJobs() {
    return activeJobs.stream().map(jobs::get).toList();
  }

  /**
   * The accounts whose logged transactions reference the blob {@code sha256}: a result's
   * contributor and the verifiers whose re-runs kept the same weights file, a job's worker for its
   * output and the verifier whose re-run reproduced it. Only they may upload it; empty when nothing
   * references it. References are never withdrawn: what the log once named stays nameable.
   */
  public Set<PublicKey> blobUploaders(Hash sha256) {
    return Collections.unmodifiableSet(blobReferences.getOrDefault(sha256, Set.of()));
  }

  public Job requireJob(long id) {
    return job(id).orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_JOB, "unknown job " + id));
  }

  /** Every recorded anchor, in log order. */
  public Collection<Anchor> anchors() {
    return Collections.unmodifiableCollection(anchors.values());
  }

  /** The latest anchor recorded for the contract at {@code contract} on chain {@code chainId}. */
  public Optional<Anchor> latestAnchor(long chainId, String contract) {
    return Optional.ofNullable(latestAnchorByContract.get(chainId + "/" + contract))
        .map(anchors::get);
  }

  /** The anchor that recorded transaction {@code txHash} of chain {@code chainId}, if any. */
  public Optional<Anchor> anchorByTransaction(long chainId, String txHash) {
    return Optional.ofNullable(anchorByTransaction.get(chainId + "/" + txHash)).map(anchors::get);
  }

  /** Every blob reference, for a snapshot: blob → the accounts that may upload it. */
  Map<Hash, Set<PublicKey>> allBlobReferences() {
    return Collections.unmodifiableMap(blobReferences);
  }

  /** Restores references read back from a snapshot (they are never withdrawn, so not derived). */
  void restoreBlobReference(Hash blob, PublicKey account) {
    reference(blob, account);
  }

  /** The best of every track that has one, in track order. */
  Collection<Best> allBest() {
    return Collections.unmodifiableCollection(best.values());
  }

  /**
   * An independent copy of this state at its current size, for a snapshot written off the
   * sequencer's thread. Records are immutable, so copying the maps is enough; the caller holds the
   * state still (the log's read lock) while it runs.
   */
  public LedgerState copy() {
    LedgerState c = new LedgerState();
    c.operator = operator;
    c.origin = origin;
    c.policy = policy;
    c.size = size;
    c.lastTime = lastTime;
    c.minted = minted;
    c.burned = burned;
    c.accounts.putAll(accounts);
    c.accountByName.putAll(accountByName);
    c.tracks.putAll(tracks);
    c.claims.putAll(claims);
    c.hypotheses.putAll(hypotheses);
    c.results.putAll(results);
    c.pending.addAll(pending);
    c.challengeable.addAll(challengeable);
    c.resultBySource.putAll(resultBySource);
    c.best.putAll(best);
    c.jobs.putAll(jobs);
    c.activeJobs.addAll(activeJobs);
    // The reference sets grow in place: each needs its own copy.
    blobReferences.forEach(
        (blob, accounts) -> {
          TreeSet<PublicKey> set = new TreeSet<>(java.util.Comparator.comparing(PublicKey::hex));
          set.addAll(accounts);
          c.blobReferences.put(blob, set);
        });
    c.anchors.putAll(anchors);
    c.latestAnchorByContract.putAll(latestAnchorByContract);
    c.anchorByTransaction.putAll(anchorByTransaction);
    return c;
  }

  // ---- look-ups the rules of every family share: each refuses with its catalogued code ----

  public Account requireAccount(PublicKey id) {
    return account(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_ACCOUNT, "unknown account " + id.hex()));
  }

  public TrackSpec requireTrack(String id) {
    return track(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_TRACK, "unknown track " + id));
  }

  public Result requireResult(long id) {
    return result(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_RESULT, "unknown result " + id));
  }

  public Claim requireClaim(long id) {
    return claim(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_CLAIM, "unknown claim " + id));
  }

  /** Refuses {@code type} unless {@code sender} is the operator. */
  public void requireOperator(PublicKey sender, TxType type) {
    if (!operator().orElseThrow().equals(sender)) {
      throw new Rejection(ErrorCode.NOT_OPERATOR, type.wireName() + " is for the operator only");
    }
  }

  /** Refuses a parent result that does not exist or is on another track. */
  public void requireParent(TrackSpec track, OptionalLong parent) {
    if (parent.isPresent()) {
      Result p = requireResult(parent.getAsLong());
      if (!p.track().equals(track.id())) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, "parent result " + p.id() + " is on another track");
      }
    }
  }

  /**
   * Claims on {@code track} active at {@code now}, newest first; stops at the first too old to
   * matter.
   */
  public List<Claim> activeClaims(String track, Instant now) {
    Instant oldest = now.minusSeconds(policy().claimTtlSeconds());
    List<Claim> out = new ArrayList<>();
    for (Claim c : claimsNewestFirst()) {
      if (c.created().isBefore(oldest)) {
        break;
      }
      if (c.track().equals(track) && c.activeAt(now)) {
        out.add(c);
      }
    }
    return out;
  }

  // ---- mutation, through a Transition only ----

  void putTrack(TrackSpec t) {
    tracks.put(t.id(), t);
  }

  void putClaim(Claim c) {
    claims.put(c.id(), c);
  }

  void putHypothesis(Hypothesis h) {
    hypotheses.put(h.id(), h);
  }

  private void reference(Hash blob, PublicKey account) {
    blobReferences
        .computeIfAbsent(blob, b -> new TreeSet<>(java.util.Comparator.comparing(PublicKey::hex)))
        .add(account);
  }

  void putResult(Result r) {
    r.submission().run().weightsSha256().ifPresent(w -> reference(w, r.account()));
    r.attestations().forEach(a -> a.weightsSha256().ifPresent(w -> reference(w, a.verifier())));
    if (results.put(r.id(), r) == null) {
      resultBySource.put(r.track() + "/" + r.submission().sourceSha256().hex(), r.id());
    }
    if (r.status() == Result.Status.PENDING) {
      pending.add(r.id());
    } else {
      pending.remove(r.id());
    }
    if (r.challengeUntil().isPresent()) {
      challengeable.add(r.id());
    } else {
      challengeable.remove(r.id());
    }
  }

  void putJob(Job j) {
    jobs.put(j.id(), j);
    j.completion()
        .ifPresent(
            c -> {
              reference(c.output().blob(), c.worker());
              j.settlement()
                  .flatMap(Job.Settlement::verifier)
                  .ifPresent(v -> reference(c.output().blob(), v));
            });
    if (j.status() == Job.Status.RUNNING || j.status() == Job.Status.VERIFYING) {
      activeJobs.add(j.id());
    } else {
      activeJobs.remove(j.id());
    }
  }

  void putAnchor(Anchor a) {
    anchors.put(a.id(), a);
    latestAnchorByContract.put(a.contractKey(), a.id());
    anchorByTransaction.put(a.record().chainId() + "/" + a.record().txHash(), a.id());
  }

  void putBest(Best b) {
    best.put(b.track(), b);
  }

  void setGenesis(PublicKey operator, String origin, Policy policy) {
    this.operator = operator;
    this.origin = origin;
    this.policy = policy;
  }

  /** Sets what the leaves applied so far left behind; for a state read back from a snapshot. */
  void restoreClock(long size, Instant lastTime) {
    this.size = size;
    this.lastTime = lastTime;
  }

  /** Puts accounts read back in id order (as a snapshot lists them) in one linear pass. */
  void restoreAccounts(List<Account> byId) {
    if (!accounts.isEmpty()) {
      throw new IllegalStateException("accounts already present");
    }
    List<Map.Entry<String, Account>> entries = new ArrayList<>(byId.size());
    for (Account a : byId) {
      entries.add(Map.entry(a.id().hex(), a));
    }
    accounts.putAll(new SortedRun<>(entries));
    for (Map.Entry<String, Account> e : entries) {
      accountByName.put(e.getValue().name(), e.getKey());
    }
  }

  void restoreSupply(long minted, long burned) {
    this.minted = minted;
    this.burned = burned;
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

  void mintPending(Account to, long micro) {
    if (micro < 0) {
      throw new IllegalArgumentException("negative mint");
    }
    minted = Math.addExact(minted, micro);
    put(to.creditedPending(micro));
  }

  void burn(long micro) {
    burned = Math.addExact(burned, micro);
  }
}
