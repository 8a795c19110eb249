package dev.swarmledger.trainer.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.DecimalQuantity;
import java.util.Set;

/**
 * The JSON form of an {@link InferenceResponse} (format {@code swarmledger/inference-response/v1},
 * snake_case, compact). A generation carries {@code output} (base64, as requests carry bytes); a
 * scoring carries {@code logprobs}, {@code sum} and {@code bpb}. Both carry {@code flops}, {@code
 * state_hash}, {@code hardware_class} and {@code output_sha256}; {@code flops} is a string of
 * decimal digits, the protocol's one form for FLOP quantities. Doubles are written in shortest
 * round-trip form, so they compare bit for bit after a round trip, and the fields are always in the
 * same order: two runs that computed the same thing write the same bytes.
 *
 * <p>Reading is strict (unknown, missing, mistyped or another kind's fields throw {@link
 * IllegalArgumentException}), and the response's own checks apply: a sum, bpb or output hash that
 * its data contradicts is refused.
 */
public final class InferenceResponseJson {
  public static final String FORMAT = "swarmledger/inference-response/v1";

  private static final Set<String> GENERATE_FIELDS =
      Set.of("format", "kind", "output", "flops", "state_hash", "hardware_class", "output_sha256");
  private static final Set<String> SCORE_FIELDS =
      Set.of(
          "format",
          "kind",
          "logprobs",
          "sum",
          "bpb",
          "flops",
          "state_hash",
          "hardware_class",
          "output_sha256");

  private InferenceResponseJson() {}

  public static String toJson(InferenceResponse response) {
    ObjectNode root = StrictJsonObject.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("kind", response.kind().jsonName());
    if (response.kind() == InferenceRequest.Kind.GENERATE) {
      root.put("output", StrictJsonObject.base64(response.output()));
    } else {
      ArrayNode values = root.putArray("logprobs");
      for (double value : response.logprobs()) {
        values.add(value);
      }
      root.put("sum", response.sum());
      root.put("bpb", response.bpb());
    }
    DecimalQuantity.put(root, "flops", response.flops());
    root.put("state_hash", response.stateHash());
    root.put("hardware_class", response.hardwareClass());
    root.put("output_sha256", response.outputSha256());
    try {
      return StrictJsonObject.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an inference response", e);
    }
  }

  /**
   * Parses an inference response.
   *
   * @throws IllegalArgumentException naming the first missing, mistyped or unknown field, or the
   *     derived value its data contradicts
   */
  public static InferenceResponse fromJson(String json) {
    StrictJsonObject root = StrictJsonObject.parse(json, "inference response");
    InferenceRequest.Kind kind = InferenceRequestJson.kind(root.text("kind"));
    boolean generate = kind == InferenceRequest.Kind.GENERATE;
    root.requireFields(generate ? GENERATE_FIELDS : SCORE_FIELDS);
    if (!FORMAT.equals(root.text("format"))) {
      throw new IllegalArgumentException(
          "unsupported inference response format: " + root.text("format"));
    }
    return new InferenceResponse(
        kind,
        generate ? root.bytes("output") : new byte[0],
        generate ? new double[0] : root.numbers("logprobs"),
        generate ? 0 : root.number("sum"),
        generate ? 0 : root.number("bpb"),
        root.flops("flops"),
        root.text("state_hash"),
        root.text("hardware_class"),
        root.text("output_sha256"));
  }
}
