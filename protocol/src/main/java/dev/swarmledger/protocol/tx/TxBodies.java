package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Public access to the wire JSON of body parts that the API also shows (tracks, run summaries). */
public final class TxBodies {
  private TxBodies() {}

  public static ObjectNode track(TrackSpec t) {
    return TxBodyCodec.encodeTrack(t);
  }

  public static ObjectNode run(RunSummary r) {
    return TxBodyCodec.encodeRun(r);
  }

  /** Strictly decodes a run summary, e.g. the {@code run} of a result the API served. */
  public static RunSummary runSummary(com.fasterxml.jackson.databind.JsonNode json) {
    return TxBodyCodec.decodeRun(dev.swarmledger.protocol.json.JsonFields.of(json, "run"));
  }

  /** The wire JSON of any body, e.g. to show a transaction. */
  public static ObjectNode body(TxBody b) {
    return TxBodyCodec.encode(b);
  }
}
