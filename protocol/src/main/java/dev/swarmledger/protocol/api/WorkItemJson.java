package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;

/** The JSON of a {@link WorkItemView}. */
public final class WorkItemJson {
  private WorkItemJson() {}

  public static ObjectNode encode(WorkItemView w) {
    ObjectNode o = Wire.object();
    o.put("result", w.result());
    o.put("track", w.track());
    o.put("seed", w.seed());
    o.put("steps", w.steps());
    o.put("source_sha256", w.sourceSha256().hex());
    o.put("hardware_class", w.hardwareClass());
    return o;
  }

  public static WorkItemView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "work item");
    WorkItemView w =
        new WorkItemView(
            Wire.count(f, "result"),
            f.text("track"),
            Wire.count(f, "seed"),
            Wire.count(f, "steps"),
            Wire.hash(f, "source_sha256"),
            f.text("hardware_class"));
    f.done();
    return w;
  }
}
