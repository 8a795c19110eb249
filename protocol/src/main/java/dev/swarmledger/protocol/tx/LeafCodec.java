package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Leaf bytes: RFC 8785 canonical JSON of {@code {"index", "time", "tx"}} (DESIGN.md §3). */
public final class LeafCodec {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LeafCodec() {}

  public static byte[] encode(Leaf leaf) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("index", leaf.index());
    o.put("time", formatTime(leaf.time()));
    o.set("tx", leaf.tx().json());
    return StrictJson.canonical(o);
  }

  public static Leaf decode(byte[] bytes) {
    JsonFields f = JsonFields.of(StrictJson.parseObject(bytes), "leaf");
    long index = f.nonNegative("index");
    Instant time = parseTime(f.text("time"));
    Tx tx = TxCodec.decode(f.raw("tx"));
    f.done();
    return new Leaf(index, time, tx);
  }

  public static String formatTime(Instant t) {
    return TIME.format(t);
  }

  public static Instant parseTime(String s) {
    try {
      Instant t = Instant.from(TIME.parse(s));
      if (!formatTime(t).equals(s)) {
        throw new DateTimeParseException("not canonical", s, 0);
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new Rejection(
          ErrorCode.WRONG_TYPE, "time must be UTC ISO-8601 with milliseconds: " + s);
    }
  }
}
