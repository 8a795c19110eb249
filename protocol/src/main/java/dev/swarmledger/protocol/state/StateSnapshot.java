package dev.swarmledger.protocol.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.anchors.AnchorCodec;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.genesis.PolicyCodec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCodec;
import dev.swarmledger.protocol.jobs.JobSpec;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.Attestation;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.results.Lease;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultCodec;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.tracks.TrackCodec;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bytes of a whole {@link LedgerState}, so a node can restart from a snapshot instead of
 * replaying every leaf. Versioned, and laid out as one length-prefixed section per family (genesis,
 * accounts, tracks, claims, hypotheses, results, best, jobs, blob references, anchors) in a fixed
 * order: a new family is one more {@link Section} and a version bump. Indexes the state derives
 * (accounts by name, results by source, the pending, challengeable and active-job sets) are rebuilt
 * by the same code the rules use, so they cannot disagree with the records; blob references are
 * stored, since they outlive the records that made them. No I/O here: the node frames, checksums
 * and stores the bytes.
 *
 * <p>Nested bodies that already have a strict JSON codec (policy, track, the submitted result) are
 * stored as their canonical JSON, so there is one wire form for each.
 */
public final class StateSnapshot {
  /** Raised for bytes that are not a snapshot this code can read; the caller replays instead. */
  public static final class Malformed extends RuntimeException {
    public Malformed(String message) {
      super(message);
    }
  }

  /** Format version; bump it whenever a section's layout changes or a section is added. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "swarmledger/state\n".getBytes(StandardCharsets.US_ASCII);

  private interface Writer {
    void write(LedgerState s, SnapshotOutput out);
  }

  private interface Reader {
    void read(SnapshotInput in, LedgerState s);
  }

  /** One family of the state: its name in the file, how to write it and how to read it back. */
  private record Section(String name, Writer writer, Reader reader) {}

  private static final List<Section> SECTIONS =
      List.of(
          new Section("ledger", StateSnapshot::writeLedger, StateSnapshot::readLedger),
          new Section("accounts", StateSnapshot::writeAccounts, StateSnapshot::readAccounts),
          new Section("tracks", StateSnapshot::writeTracks, StateSnapshot::readTracks),
          new Section("claims", StateSnapshot::writeClaims, StateSnapshot::readClaims),
          new Section("hypotheses", StateSnapshot::writeHypotheses, StateSnapshot::readHypotheses),
          new Section("results", StateSnapshot::writeResults, StateSnapshot::readResults),
          new Section("best", StateSnapshot::writeBest, StateSnapshot::readBest),
          new Section("jobs", StateSnapshot::writeJobs, StateSnapshot::readJobs),
          new Section("blobs", StateSnapshot::writeBlobs, StateSnapshot::readBlobs),
          new Section("anchors", StateSnapshot::writeAnchors, StateSnapshot::readAnchors));

  private StateSnapshot() {}

  public static byte[] encode(LedgerState s) {
    SnapshotOutput out = new SnapshotOutput();
    out.raw(MAGIC);
    out.i32(VERSION);
    for (Section section : SECTIONS) {
      SnapshotOutput body = new SnapshotOutput();
      section.writer().write(s, body);
      out.text(section.name());
      out.bytes(body.toByteArray());
    }
    return out.toByteArray();
  }

  /**
   * The state these bytes describe.
   *
   * @throws Malformed if they are not a snapshot of this version, or any part does not decode
   */
  public static LedgerState decode(byte[] bytes) {
    SnapshotInput in = new SnapshotInput(ByteBuffer.wrap(bytes));
    if (bytes.length < MAGIC.length || !Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
      throw new Malformed("not a state snapshot");
    }
    int version = in.i32();
    if (version != VERSION) {
      throw new Malformed("snapshot version " + version + ", this node reads " + VERSION);
    }
    LedgerState s = new LedgerState();
    for (Section section : SECTIONS) {
      String name = in.text();
      if (!name.equals(section.name())) {
        throw new Malformed("expected section " + section.name() + ", found " + name);
      }
      SnapshotInput body = in.slice(in.count());
      try {
        section.reader().read(body, s);
      } catch (Rejection | IllegalArgumentException | IllegalStateException e) {
        throw new Malformed("section " + name + ": " + e.getMessage());
      }
      if (!body.atEnd()) {
        throw new Malformed("section " + name + " has bytes left over");
      }
    }
    if (!in.atEnd()) {
      throw new Malformed("bytes after the last section");
    }
    return s;
  }

  // ---- ledger: size, clock, genesis fields, supply ----

  private static void writeLedger(LedgerState s, SnapshotOutput out) {
    out.i64(s.size());
    out.instant(s.lastTime());
    out.i64(s.minted());
    out.i64(s.burned());
    out.bool(s.hasGenesis());
    if (s.hasGenesis()) {
      out.key(s.operator().orElseThrow());
      out.text(s.origin().orElseThrow());
      out.bytes(StrictJson.canonical(PolicyCodec.encode(s.policy())));
    }
  }

  private static void readLedger(SnapshotInput in, LedgerState s) {
    long size = in.i64();
    if (size < 0) {
      throw new Malformed("negative size");
    }
    s.restoreClock(size, in.instant());
    s.restoreSupply(in.i64(), in.i64());
    if (in.bool()) {
      PublicKey operator = in.key();
      String origin = in.text();
      s.setGenesis(operator, origin, PolicyCodec.decode(json(in, "policy")));
    }
  }

  // ---- accounts ----

  private static void writeAccounts(LedgerState s, SnapshotOutput out) {
    out.i32(s.accounts().size());
    for (Account a : s.accounts()) {
      out.key(a.id());
      out.text(a.name());
      out.i64(a.nextNonce());
      out.i64(a.balance());
      out.i64(a.escrowed());
      out.i64(a.pending());
      out.i64(a.earned());
      out.i64(a.reputation());
      out.optionalText(a.verifierClass());
      out.i64(a.streak());
      out.i64(a.registeredAt());
      out.optionalText(a.workerClass());
      out.i64(a.jobsAgreed());
    }
  }

  private static void readAccounts(SnapshotInput in, LedgerState s) {
    int n = in.count();
    List<Account> accounts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      accounts.add(
          new Account(
              in.key(),
              in.text(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.optionalText(),
              in.i64(),
              in.i64(),
              in.optionalText(),
              in.i64()));
    }
    s.restoreAccounts(accounts);
  }

  // ---- tracks ----

  private static void writeTracks(LedgerState s, SnapshotOutput out) {
    out.i32(s.tracks().size());
    for (TrackSpec t : s.tracks()) {
      out.bytes(StrictJson.canonical(TrackCodec.encode(t)));
    }
  }

  private static void readTracks(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      s.putTrack(TrackCodec.decode(json(in, "track")));
    }
  }

  // ---- claims and hypotheses ----

  private static void writeClaims(LedgerState s, SnapshotOutput out) {
    out.i32(s.claims().size());
    for (Claim c : s.claims()) {
      out.i64(c.id());
      out.text(c.track());
      out.key(c.account());
      out.text(c.description());
      out.optionalLong(c.parent());
      out.hash(c.sourceSha256());
      out.instant(c.created());
      out.instant(c.expires());
      out.text(c.status().name());
    }
  }

  private static void readClaims(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      s.putClaim(
          new Claim(
              in.i64(),
              in.text(),
              in.key(),
              in.text(),
              in.optionalLong(),
              in.hash(),
              in.instant(),
              in.instant(),
              in.name(Claim.Status.class)));
    }
  }

  private static void writeHypotheses(LedgerState s, SnapshotOutput out) {
    out.i32(s.hypotheses().size());
    for (Hypothesis h : s.hypotheses()) {
      out.i64(h.id());
      out.text(h.track());
      out.key(h.account());
      out.text(h.title());
      out.text(h.text());
      out.text(h.suggestedChange());
      out.i32(h.evidence().size());
      h.evidence().forEach(out::i64);
      out.i32(h.priority());
      out.instant(h.created());
    }
  }

  private static void readHypotheses(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      long id = in.i64();
      String track = in.text();
      PublicKey account = in.key();
      String title = in.text();
      String text = in.text();
      String suggested = in.text();
      int evidenceCount = in.count();
      List<Long> evidence = new ArrayList<>(evidenceCount);
      for (int k = 0; k < evidenceCount; k++) {
        evidence.add(in.i64());
      }
      s.putHypothesis(
          new Hypothesis(
              id, track, account, title, text, suggested, evidence, in.i32(), in.instant()));
    }
  }

  // ---- results, with their leases, exclusions and attestations ----

  private static void writeResults(LedgerState s, SnapshotOutput out) {
    out.i32(s.results().size());
    for (Result r : s.results().values()) {
      out.i64(r.id());
      out.key(r.account());
      out.bytes(StrictJson.canonical(ResultCodec.RESULT_SUBMIT.encode(r.submission())));
      out.hash(r.leafHash());
      out.instant(r.submitted());
      out.bool(r.candidateBest());
      out.bool(r.sampled());
      out.i32(r.quorum());
      out.i32(r.leases().size());
      for (Lease l : r.leases()) {
        out.key(l.verifier());
        out.instant(l.deadline());
      }
      out.i32(r.excluded().size());
      r.excluded().forEach(out::key);
      out.i32(r.attestations().size());
      for (Attestation a : r.attestations()) {
        writeAttestation(a, out);
      }
      out.text(r.status().name());
      out.optionalInstant(r.decided());
      out.optionalDouble(r.verifiedValBpb());
      out.i64(r.mintedMicro());
      out.optionalInstant(r.challengeUntil());
      out.bool(r.becameBest());
    }
  }

  private static void readResults(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      long id = in.i64();
      PublicKey account = in.key();
      ResultSubmit submission = ResultCodec.RESULT_SUBMIT.decode(json(in, "result"));
      var leafHash = in.hash();
      var submitted = in.instant();
      boolean candidateBest = in.bool();
      boolean sampled = in.bool();
      int quorum = in.i32();
      int leaseCount = in.count();
      List<Lease> leases = new ArrayList<>(leaseCount);
      for (int k = 0; k < leaseCount; k++) {
        leases.add(new Lease(in.key(), in.instant()));
      }
      int excludedCount = in.count();
      List<PublicKey> excluded = new ArrayList<>(excludedCount);
      for (int k = 0; k < excludedCount; k++) {
        excluded.add(in.key());
      }
      int attestationCount = in.count();
      List<Attestation> attestations = new ArrayList<>(attestationCount);
      for (int k = 0; k < attestationCount; k++) {
        attestations.add(readAttestation(in));
      }
      s.putResult(
          new Result(
              id,
              account,
              submission,
              leafHash,
              submitted,
              candidateBest,
              sampled,
              quorum,
              leases,
              excluded,
              attestations,
              in.name(Result.Status.class),
              in.optionalInstant(),
              in.optionalDouble(),
              in.i64(),
              in.optionalInstant(),
              in.bool()));
    }
  }

  private static void writeAttestation(Attestation a, SnapshotOutput out) {
    out.i64(a.index());
    out.key(a.verifier());
    out.text(a.verdict().name());
    out.f64(a.valBpb());
    out.i64(a.flops());
    out.hash(a.finalParamHash());
    out.i32(a.segmentHashes().size());
    a.segmentHashes().forEach(out::hash);
    out.f64(a.wallSeconds());
    out.text(a.hardwareClass());
    out.optionalText(a.reason());
    out.optionalHash(a.weightsSha256());
  }

  private static Attestation readAttestation(SnapshotInput in) {
    long index = in.i64();
    PublicKey verifier = in.key();
    Verdict verdict = in.name(Verdict.class);
    double valBpb = in.f64();
    long flops = in.i64();
    var finalParamHash = in.hash();
    int segments = in.count();
    List<Hash> segmentHashes = new ArrayList<>(segments);
    for (int k = 0; k < segments; k++) {
      segmentHashes.add(in.hash());
    }
    return new Attestation(
        index,
        verifier,
        verdict,
        valBpb,
        flops,
        finalParamHash,
        segmentHashes,
        in.f64(),
        in.text(),
        in.optionalText(),
        in.optionalHash());
  }

  // ---- best per track ----

  private static void writeBest(LedgerState s, SnapshotOutput out) {
    out.i32(s.allBest().size());
    for (Best b : s.allBest()) {
      out.text(b.track());
      out.i64(b.result());
      out.f64(b.valBpb());
      out.key(b.account());
      out.i64(b.since());
    }
  }

  private static void readBest(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      s.putBest(new Best(in.text(), in.i64(), in.f64(), in.key(), in.i64()));
    }
  }

  // ---- jobs ----

  private static void writeJobs(LedgerState s, SnapshotOutput out) {
    out.i32(s.jobs().size());
    for (Job j : s.jobs().values()) {
      out.i64(j.id());
      out.key(j.spender());
      ObjectNode spec = StrictJson.nodes().objectNode();
      JobCodec.encodeSpec(spec, j.spec(), true);
      out.bytes(StrictJson.canonical(spec));
      out.i64(j.priceMicro());
      out.i64(j.maxMicro());
      out.instant(j.created());
      out.text(j.status().name());
      writeHolder(j.lease(), out);
      out.bool(j.completion().isPresent());
      j.completion()
          .ifPresent(
              c -> {
                out.i64(c.index());
                out.key(c.worker());
                out.text(c.hardwareClass());
                ObjectNode o = StrictJson.nodes().objectNode();
                JobCodec.encodeOutput(o, c.output());
                out.bytes(StrictJson.canonical(o));
                out.hash(c.leafHash());
                out.instant(c.at());
                out.bool(c.sampled());
              });
      writeHolder(j.check(), out);
      out.i32(j.history().size());
      for (Job.Event e : j.history()) {
        out.i64(e.index());
        out.text(e.kind().name());
        out.key(e.account());
      }
      out.bool(j.settlement().isPresent());
      j.settlement()
          .ifPresent(
              t -> {
                out.i64(t.index());
                out.instant(t.at());
                out.optionalKey(t.worker());
                out.i64(t.paidMicro());
                out.optionalKey(t.verifier());
                out.i64(t.feeMicro());
                out.i64(t.refundMicro());
                out.i64(t.flops());
              });
    }
  }

  private static void writeHolder(Optional<Job.Holder> h, SnapshotOutput out) {
    out.bool(h.isPresent());
    h.ifPresent(
        x -> {
          out.key(x.account());
          out.instant(x.deadline());
        });
  }

  private static Optional<Job.Holder> readHolder(SnapshotInput in) {
    return in.bool() ? Optional.of(new Job.Holder(in.key(), in.instant())) : Optional.empty();
  }

  private static void readJobs(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      long id = in.i64();
      PublicKey spender = in.key();
      JobSpec spec = JobCodec.decodeSpec(json(in, "job spec"));
      long price = in.i64();
      long max = in.i64();
      Instant created = in.instant();
      Job.Status status = in.name(Job.Status.class);
      Optional<Job.Holder> lease = readHolder(in);
      Optional<Job.Completion> completion = Optional.empty();
      if (in.bool()) {
        completion =
            Optional.of(
                new Job.Completion(
                    in.i64(),
                    in.key(),
                    in.text(),
                    JobCodec.decodeOutput(json(in, "job output")),
                    in.hash(),
                    in.instant(),
                    in.bool()));
      }
      Optional<Job.Holder> check = readHolder(in);
      int events = in.count();
      List<Job.Event> history = new ArrayList<>(events);
      for (int k = 0; k < events; k++) {
        history.add(new Job.Event(in.i64(), in.name(Job.EventKind.class), in.key()));
      }
      Optional<Job.Settlement> settlement = Optional.empty();
      if (in.bool()) {
        settlement =
            Optional.of(
                new Job.Settlement(
                    in.i64(),
                    in.instant(),
                    in.optionalKey(),
                    in.i64(),
                    in.optionalKey(),
                    in.i64(),
                    in.i64(),
                    in.i64()));
      }
      s.putJob(
          new Job(
              id,
              spender,
              spec,
              price,
              max,
              created,
              status,
              lease,
              completion,
              check,
              history,
              settlement));
    }
  }

  // ---- blob references: who may upload what (never withdrawn, so not derivable) ----

  private static void writeBlobs(LedgerState s, SnapshotOutput out) {
    Map<Hash, Set<PublicKey>> refs = new TreeMap<>(Comparator.comparing(Hash::hex));
    refs.putAll(s.allBlobReferences());
    out.i32(refs.size());
    refs.forEach(
        (blob, accounts) -> {
          out.hash(blob);
          out.i32(accounts.size());
          accounts.forEach(out::key);
        });
  }

  private static void readBlobs(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      Hash blob = in.hash();
      int accounts = in.count();
      for (int k = 0; k < accounts; k++) {
        s.restoreBlobReference(blob, in.key());
      }
    }
  }

  // ---- anchors ----

  private static void writeAnchors(LedgerState s, SnapshotOutput out) {
    out.i32(s.anchors().size());
    for (Anchor a : s.anchors()) {
      out.i64(a.id());
      out.bytes(StrictJson.canonical(AnchorCodec.ANCHOR_RECORD.encode(a.record())));
    }
  }

  private static void readAnchors(SnapshotInput in, LedgerState s) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      long id = in.i64();
      s.putAnchor(new Anchor(id, AnchorCodec.ANCHOR_RECORD.decode(json(in, "anchor"))));
    }
  }

  private static JsonFields json(SnapshotInput in, String where) {
    ObjectNode o = StrictJson.parseObject(in.bytes());
    return JsonFields.of(o, where);
  }
}
