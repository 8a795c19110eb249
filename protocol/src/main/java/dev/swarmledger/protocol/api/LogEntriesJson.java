package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Base64Strict;
import dev.swarmledger.protocol.json.JsonFields;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON of a page of log entries, {@code {"entries":[{"index":i,"leaf":"<base64>"}…]}}. Decoding
 * checks that the indices run on from {@code start} without a gap, so a caller can trust position.
 */
public final class LogEntriesJson {
  private LogEntriesJson() {}

  public static ObjectNode encode(long start, List<byte[]> leaves) {
    ObjectNode o = Wire.object();
    ArrayNode arr = o.putArray("entries");
    for (int i = 0; i < leaves.size(); i++) {
      ObjectNode e = arr.addObject();
      e.put("index", start + i);
      e.put("leaf", Base64.getEncoder().encodeToString(leaves.get(i)));
    }
    return o;
  }

  /** The leaf bytes of the page, the first being leaf {@code start}. */
  public static List<byte[]> decode(JsonNode json, long start) {
    JsonFields f = JsonFields.of(json, "entries page");
    List<byte[]> out = new ArrayList<>();
    for (JsonNode n : f.array("entries", Wire.MAX_LIST)) {
      JsonFields e = JsonFields.of(n, "entry");
      long index = Wire.count(e, "index");
      if (index != start + out.size()) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT,
            "entry " + index + " where " + (start + out.size()) + " was expected");
      }
      out.add(Base64Strict.decode(e.text("leaf"), "entry.leaf"));
      e.done();
    }
    f.done();
    return out;
  }
}
