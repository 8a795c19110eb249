package dev.swarmledger.protocol.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.anchors.AnchorCodec;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.ClaimJson;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.api.HypothesisJson;
import dev.swarmledger.protocol.api.HypothesisView;
import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.TrackJson;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.genesis.PolicyCodec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.json.CanonicalWriter;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A canonical description of a whole {@link LedgerState} and its SHA-256 (the state root). Two
 * replays agree exactly when their roots are equal; the auditor compares against it. Each object is
 * written by the codec of the view the API serves, so the root covers exactly what clients see.
 */
public final class StateDigest {
  private StateDigest() {}

  /**
   * SHA-256 of the canonical {@link #describe}, computed without building it whole: the scalar
   * fields and each family's elements are written canonically (the elements in parallel chunks) and
   * hashed in the order RFC 8785 sorts them. Same bytes as canonicalising {@code describe(s)},
   * which a test holds it to; at a million accounts this takes seconds where the whole tree takes
   * minutes.
   */
  public static Hash root(LedgerState s) {
    ObjectNode scalars = scalars(s);
    TreeMap<String, Runnable> members = new TreeMap<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    MessageDigest sha = sha256();
    Runnable flush =
        () -> {
          sha.update(out.toByteArray());
          out.reset();
        };
    scalars
        .fields()
        .forEachRemaining(
            f -> members.put(f.getKey(), () -> CanonicalWriter.write(f.getValue(), out)));
    for (Family<?> f : FAMILIES) {
      if (f.listed(s)) {
        members.put(f.name(), () -> array(s, f, out, sha, flush));
      }
    }
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, Runnable> m : members.entrySet()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      CanonicalWriter.write(StrictJson.nodes().textNode(m.getKey()), out);
      out.write(':');
      m.getValue().run();
    }
    out.write('}');
    flush.run();
    return Hash.of(sha.digest());
  }

  private static final int CHUNK = 2048;

  /**
   * One list of the state: its name in the description, its elements in order, and the view codec
   * that writes each. The description and the streamed root both come from this one list, so a new
   * family added here is in both.
   */
  private record Family<T>(
      String name,
      Function<LedgerState, Collection<T>> items,
      BiFunction<LedgerState, T, ObjectNode> encode,
      boolean onlyIfAny) {
    Family(
        String name,
        Function<LedgerState, Collection<T>> items,
        BiFunction<LedgerState, T, ObjectNode> encode) {
      this(name, items, encode, false);
    }

    /** Whether the description lists this family for {@code s}. */
    boolean listed(LedgerState s) {
      return !onlyIfAny || !items.apply(s).isEmpty();
    }

    void describe(LedgerState s, ObjectNode o) {
      if (!listed(s)) {
        return;
      }
      ArrayNode a = o.putArray(name);
      items.apply(s).forEach(i -> a.add(encode.apply(s, i)));
    }
  }

  private static final List<Family<?>> FAMILIES =
      List.of(
          new Family<Account>(
              "accounts", LedgerState::accounts, (s, a) -> AccountJson.encode(AccountView.of(a))),
          new Family<TrackSpec>(
              "tracks", LedgerState::tracks, (s, t) -> TrackJson.encode(TrackView.of(t, s))),
          new Family<Claim>(
              "claims",
              LedgerState::claims,
              (s, c) -> ClaimJson.encode(ClaimView.of(c, s.lastTime()))),
          new Family<Hypothesis>(
              "hypotheses",
              LedgerState::hypotheses,
              (s, h) -> HypothesisJson.encode(HypothesisView.of(h))),
          new Family<Result>(
              "results",
              s -> s.results().values(),
              (s, r) -> ResultJson.encode(ResultView.of(r, false))),
          new Family<Job>(
              "jobs", s -> s.jobs().values(), (s, j) -> JobJson.encode(JobView.of(j, true))),
          // Only when there are some, so the roots of logs without anchors stay what they were.
          new Family<Anchor>(
              "anchors", LedgerState::anchors, (s, a) -> AnchorCodec.encode(a), true));

  /** Writes {@code [e1,e2,…]} canonically, encoding chunks of elements on all cores. */
  private static <T> void array(
      LedgerState s,
      Family<T> family,
      ByteArrayOutputStream out,
      MessageDigest sha,
      Runnable flush) {
    Collection<T> items = family.items().apply(s);
    Function<T, ObjectNode> encode = i -> family.encode().apply(s, i);
    List<T> list = items instanceof List<T> l ? l : new ArrayList<>(items);
    out.write('[');
    flush.run();
    int chunks = (list.size() + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks)
        .parallel()
        .mapToObj(
            c -> {
              ByteArrayOutputStream piece = new ByteArrayOutputStream(CHUNK * 256);
              for (int i = c * CHUNK; i < Math.min(list.size(), (c + 1) * CHUNK); i++) {
                if (i > 0) {
                  piece.write(',');
                }
                CanonicalWriter.write(encode.apply(list.get(i)), piece);
              }
              return piece.toByteArray();
            })
        .forEachOrdered(sha::update);
    out.write(']');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields of {@link #describe} that are not lists. */
  private static ObjectNode scalars(LedgerState s) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("size", s.size());
    o.put("last_time", s.lastTime().toEpochMilli());
    s.operator().ifPresent(op -> o.put("operator", op.hex()));
    s.origin().ifPresent(or -> o.put("origin", or));
    if (s.hasGenesis()) {
      o.set("policy", PolicyCodec.encode(s.policy()));
    }
    o.put("minted", s.minted());
    o.put("burned", s.burned());
    return o;
  }

  /** The whole state as one JSON object: what {@link #root} hashes (canonically). */
  public static ObjectNode describe(LedgerState s) {
    ObjectNode o = scalars(s);
    FAMILIES.forEach(f -> f.describe(s, o));
    return o;
  }
}
