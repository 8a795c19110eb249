package dev.swarmledger.protocol.claims;

import static dev.swarmledger.protocol.tx.BodyFields.MAX_DESCRIPTION_LENGTH;
import static dev.swarmledger.protocol.tx.BodyFields.MAX_LABEL_LENGTH;
import static dev.swarmledger.protocol.tx.BodyFields.MAX_TEXT_LENGTH;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;

/** Wire form of {@code claim.create}, {@code claim.release} and {@code hypothesis.create}. */
public final class ClaimCodec {
  /** Most results a hypothesis may cite as evidence. */
  public static final int MAX_EVIDENCE = 20;

  public static final BodyCodec<ClaimCreate> CLAIM_CREATE =
      BodyCodec.of(
          f ->
              new ClaimCreate(
                  BodyFields.label(f, "track", MAX_LABEL_LENGTH),
                  BodyFields.text(f, "description", 1, MAX_DESCRIPTION_LENGTH),
                  BodyFields.optionalId(f, "parent"),
                  BodyFields.hash(f, "source_sha256")),
          ClaimCodec::encodeCreate);

  public static final BodyCodec<ClaimRelease> CLAIM_RELEASE =
      BodyCodec.of(f -> new ClaimRelease(f.nonNegative("claim")), ClaimCodec::encodeRelease);

  public static final BodyCodec<HypothesisCreate> HYPOTHESIS_CREATE =
      BodyCodec.of(ClaimCodec::decodeHypothesis, ClaimCodec::encodeHypothesis);

  private ClaimCodec() {}

  private static ObjectNode encodeCreate(ClaimCreate c) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("track", c.track());
    o.put("description", c.description());
    c.parent().ifPresent(p -> o.put("parent", p));
    o.put("source_sha256", c.sourceSha256().hex());
    return o;
  }

  private static ObjectNode encodeRelease(ClaimRelease c) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("claim", c.claim());
    return o;
  }

  private static HypothesisCreate decodeHypothesis(JsonFields f) {
    return new HypothesisCreate(
        BodyFields.label(f, "track", MAX_LABEL_LENGTH),
        BodyFields.text(f, "title", 1, 120),
        BodyFields.text(f, "text", 1, MAX_TEXT_LENGTH),
        f.present("suggested_change")
            ? BodyFields.text(f, "suggested_change", 0, MAX_TEXT_LENGTH)
            : "",
        BodyFields.ids(f, "evidence", MAX_EVIDENCE),
        (int) f.integer("priority", 0, 5));
  }

  private static ObjectNode encodeHypothesis(HypothesisCreate h) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("track", h.track());
    o.put("title", h.title());
    o.put("text", h.text());
    o.put("suggested_change", h.suggestedChange());
    ArrayNode ev = o.putArray("evidence");
    h.evidence().forEach(ev::add);
    o.put("priority", h.priority());
    return o;
  }
}
