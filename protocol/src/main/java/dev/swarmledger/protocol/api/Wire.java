package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.TxCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Value readers and writers the view codecs share, so every view spells a type the same way. */
final class Wire {
  /** Longest list a view decodes (pages are at most 500; segment hashes at most 4096). */
  static final int MAX_LIST = 100_000;

  private Wire() {}

  static ObjectNode object() {
    return StrictJson.nodes().objectNode();
  }

  static PublicKey account(JsonFields f, String name) {
    return TxCodec.accountId(f.text(name), f.where() + "." + name);
  }

  static Hash hash(JsonFields f, String name) {
    return hash(f.text(name), f.where() + "." + name);
  }

  static Hash hash(String hex, String where) {
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, where + " must be 64 lowercase hex");
    }
    return Hash.fromHex(hex);
  }

  static Instant time(JsonFields f, String name) {
    return LeafCodec.parseTime(f.text(name));
  }

  static Optional<Instant> optionalTime(JsonFields f, String name) {
    return f.present(name) ? Optional.of(time(f, name)) : Optional.empty();
  }

  static long count(JsonFields f, String name) {
    return f.nonNegative(name);
  }

  /** A signed integer within I-JSON's exact range (reputation may fall below zero). */
  static long signed(JsonFields f, String name) {
    return f.integer(name, -StrictJson.MAX_SAFE_INTEGER, StrictJson.MAX_SAFE_INTEGER);
  }

  static OptionalLong optionalCount(JsonFields f, String name) {
    return f.present(name) ? OptionalLong.of(f.nonNegative(name)) : OptionalLong.empty();
  }

  static List<Hash> hashes(JsonFields f, String name) {
    List<Hash> out = new ArrayList<>();
    for (String hex : f.textArray(name, MAX_LIST)) {
      out.add(hash(hex, f.where() + "." + name));
    }
    return out;
  }

  static List<PublicKey> accounts(JsonFields f, String name) {
    List<PublicKey> out = new ArrayList<>();
    for (String hex : f.textArray(name, MAX_LIST)) {
      out.add(TxCodec.accountId(hex, f.where() + "." + name));
    }
    return out;
  }

  static List<Long> ids(JsonFields f, String name) {
    List<Long> out = new ArrayList<>();
    for (JsonNode n : f.array(name, MAX_LIST)) {
      if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
        throw new Rejection(ErrorCode.WRONG_TYPE, f.where() + "." + name + " must hold ids");
      }
      out.add(n.longValue());
    }
    return out;
  }

  /** The objects of a list field, each decoded by {@code decode}. */
  static <T> List<T> list(JsonFields f, String name, Function<JsonNode, T> decode) {
    List<T> out = new ArrayList<>();
    for (JsonNode n : f.array(name, MAX_LIST)) {
      out.add(decode.apply(n));
    }
    return List.copyOf(out);
  }

  static <T> ArrayNode putList(
      ObjectNode o, String name, List<T> items, Function<T, ObjectNode> encode) {
    ArrayNode a = o.putArray(name);
    items.forEach(i -> a.add(encode.apply(i)));
    return a;
  }

  /** Refuses a redundant field whose value contradicts the one it repeats. */
  static void agree(boolean same, String where) {
    if (!same) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, where + " contradicts another field");
    }
  }
}
