package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.DecimalQuantity;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.results.Verdict;
import java.util.Optional;

/** The JSON of an {@link AttestationView}. */
public final class AttestationJson {
  private AttestationJson() {}

  public static ObjectNode encode(AttestationView a) {
    ObjectNode o = Wire.object();
    o.put("index", a.index());
    o.put("verifier", a.verifier().hex());
    o.put("verdict", a.verdict().wireName());
    o.put("val_bpb", a.valBpb());
    DecimalQuantity.put(o, "flops", a.flops());
    o.put("final_param_hash", a.finalParamHash().hex());
    ArrayNode seg = o.putArray("segment_hashes");
    a.segmentHashes().forEach(h -> seg.add(h.hex()));
    o.put("wall_seconds", a.wallSeconds());
    o.put("hardware_class", a.hardwareClass());
    a.reason().ifPresent(x -> o.put("reason", x));
    a.weightsSha256().ifPresent(w -> o.put("weights_sha256", w.hex()));
    return o;
  }

  public static AttestationView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "attestation");
    String verdict = f.text("verdict");
    AttestationView a =
        new AttestationView(
            Wire.count(f, "index"),
            Wire.account(f, "verifier"),
            Verdict.fromWire(verdict)
                .orElseThrow(
                    () -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown verdict " + verdict)),
            f.number("val_bpb"),
            f.flops("flops", 0, Long.MAX_VALUE),
            Wire.hash(f, "final_param_hash"),
            Wire.hashes(f, "segment_hashes"),
            f.number("wall_seconds"),
            f.text("hardware_class"),
            f.optionalText("reason"),
            f.present("weights_sha256")
                ? Optional.of(Wire.hash(f, "weights_sha256"))
                : Optional.empty());
    f.done();
    return a;
  }
}
