package dev.swarmledger.protocol.anchors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;

/** Wire form of {@code anchor.record}, and of an accepted anchor in the state digest. */
public final class AnchorCodec {
  public static final BodyCodec<AnchorRecord> ANCHOR_RECORD =
      BodyCodec.of(AnchorCodec::decode, AnchorCodec::encode);

  private AnchorCodec() {}

  private static AnchorRecord decode(JsonFields f) {
    long chainId = f.integer("chain_id", 1, StrictJson.MAX_SAFE_INTEGER);
    String contract = f.text("contract");
    if (!AnchorRecord.isAddress(contract)) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          f.where() + ".contract must be 0x and 40 lowercase hex digits");
    }
    String txHash = f.text("tx_hash");
    if (!AnchorRecord.isTxHash(txHash)) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          f.where() + ".tx_hash must be 0x and 64 lowercase hex digits");
    }
    return new AnchorRecord(
        chainId,
        contract,
        txHash,
        f.integer("block_number", 0, StrictJson.MAX_SAFE_INTEGER),
        f.integer("size", 1, StrictJson.MAX_SAFE_INTEGER),
        BodyFields.hash(f, "root"));
  }

  public static ObjectNode encode(AnchorRecord a) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("chain_id", a.chainId());
    o.put("contract", a.contract());
    o.put("tx_hash", a.txHash());
    o.put("block_number", a.blockNumber());
    o.put("size", a.size());
    o.put("root", a.root().hex());
    return o;
  }

  /** An accepted anchor: its leaf and what it recorded. */
  public static ObjectNode encode(Anchor a) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", a.id());
    o.setAll(encode(a.record()));
    return o;
  }
}
