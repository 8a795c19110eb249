package dev.swarmledger.trainer.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The JSON form of an {@link InferenceRequest} (format {@code swarmledger/inference-request/v1},
 * snake_case). The prompt and text are base64 (RFC 4648 §4, padded, canonical) because they are
 * bytes, not characters: a byte-level model's prompt may be any bytes, and a UTF-8 string could not
 * carry half a multi-byte character.
 *
 * <pre>
 * {"format":"swarmledger/inference-request/v1","kind":"generate","track":"shakespeare-char",
 *  "seed":0,"prompt":"Uk9NRU86","bytes":256}
 * {"format":"swarmledger/inference-request/v1","kind":"score","track":"shakespeare-char",
 *  "seed":0,"text":"VG8gYmUsIG9yIG5vdCB0byBiZQ=="}
 * </pre>
 *
 * Reading is strict: unknown, missing or mistyped fields, another kind's fields, non-canonical
 * base64 and values out of bounds throw {@link IllegalArgumentException}.
 */
public final class InferenceRequestJson {
  public static final String FORMAT = "swarmledger/inference-request/v1";

  private static final Set<String> GENERATE_FIELDS =
      Set.of("format", "kind", "track", "seed", "prompt", "bytes");
  private static final Set<String> SCORE_FIELDS = Set.of("format", "kind", "track", "seed", "text");

  private InferenceRequestJson() {}

  public static String toJson(InferenceRequest request) {
    ObjectNode root = StrictJsonObject.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("kind", request.kind().jsonName());
    root.put("track", request.track());
    root.put("seed", request.seed());
    if (request.kind() == InferenceRequest.Kind.GENERATE) {
      root.put("prompt", StrictJsonObject.base64(request.input()));
      root.put("bytes", request.bytes());
    } else {
      root.put("text", StrictJsonObject.base64(request.input()));
    }
    try {
      return StrictJsonObject.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an inference request", e);
    }
  }

  /**
   * Parses an inference request.
   *
   * @throws IllegalArgumentException naming the first missing, mistyped or unknown field, or the
   *     bound a value breaks
   */
  public static InferenceRequest fromJson(String json) {
    StrictJsonObject root = StrictJsonObject.parse(json, "inference request");
    InferenceRequest.Kind kind = kind(root.text("kind"));
    root.requireFields(kind == InferenceRequest.Kind.GENERATE ? GENERATE_FIELDS : SCORE_FIELDS);
    if (!FORMAT.equals(root.text("format"))) {
      throw new IllegalArgumentException(
          "unsupported inference request format: " + root.text("format"));
    }
    String track = root.text("track");
    long seed = root.integer("seed");
    if (kind == InferenceRequest.Kind.GENERATE) {
      return InferenceRequest.generate(
          track, seed, root.bytes("prompt"), root.smallInteger("bytes"));
    }
    return InferenceRequest.score(track, seed, root.bytes("text"));
  }

  static InferenceRequest.Kind kind(String name) {
    for (InferenceRequest.Kind kind : InferenceRequest.Kind.values()) {
      if (kind.jsonName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("kind must be generate or score, not " + name);
  }
}
