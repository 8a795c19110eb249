package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import java.util.ArrayList;
import java.util.List;

/** The JSON of Merkle proofs: {@code {"index","size","path"}} and {@code {"from","to","path"}}. */
public final class ProofJson {
  /** More hashes than any proof of a 2^63-leaf tree needs. */
  private static final int MAX_PATH = 130;

  private ProofJson() {}

  public static ObjectNode encode(InclusionProof p) {
    ObjectNode o = Wire.object();
    o.put("index", p.index());
    o.put("size", p.size());
    putPath(o, p.path());
    return o;
  }

  public static ObjectNode encode(ConsistencyProof p) {
    ObjectNode o = Wire.object();
    o.put("from", p.from());
    o.put("to", p.to());
    putPath(o, p.path());
    return o;
  }

  public static InclusionProof inclusion(JsonNode json) {
    JsonFields f = JsonFields.of(json, "inclusion proof");
    InclusionProof p = new InclusionProof(Wire.count(f, "index"), Wire.count(f, "size"), path(f));
    f.done();
    return p;
  }

  public static ConsistencyProof consistency(JsonNode json) {
    JsonFields f = JsonFields.of(json, "consistency proof");
    ConsistencyProof p = new ConsistencyProof(Wire.count(f, "from"), Wire.count(f, "to"), path(f));
    f.done();
    return p;
  }

  private static void putPath(ObjectNode o, List<Hash> path) {
    ArrayNode a = o.putArray("path");
    path.forEach(h -> a.add(h.base64()));
  }

  private static List<Hash> path(JsonFields f) {
    List<Hash> out = new ArrayList<>();
    for (String b64 : f.textArray("path", MAX_PATH)) {
      try {
        out.add(Hash.fromBase64(b64));
      } catch (IllegalArgumentException e) {
        throw new Rejection(ErrorCode.INVALID_ARGUMENT, f.where() + ".path holds a bad hash");
      }
    }
    return out;
  }
}
