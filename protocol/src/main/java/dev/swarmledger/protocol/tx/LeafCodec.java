package dev.swarmledger.protocol.tx;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Leaf bytes: RFC 8785 canonical JSON of {@code {"index", "time", "tx"}} (docs/protocol.md). */
public final class LeafCodec {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LeafCodec() {}

  /**
   * The canonical leaf bytes, assembled directly: the keys {@code index < time < tx} are already in
   * RFC 8785 order, the index is a plain integer and the time needs no escaping, so only the
   * envelope needs canonicalising (and the transaction has done that once already).
   */
  public static byte[] encode(Leaf leaf) {
    byte[] head =
        ("{\"index\":" + leaf.index() + ",\"time\":\"" + formatTime(leaf.time()) + "\",\"tx\":")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tx = leaf.tx().canonicalBytes();
    byte[] out = new byte[head.length + tx.length + 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tx, 0, out, head.length, tx.length);
    out[out.length - 1] = '}';
    return out;
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
