package dev.swarmledger.trainer.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.DecimalQuantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The JSON form of a {@link RunRecord} (snake_case fields, format {@code swarmledger/run/v2}; v2
 * added the device model and the determinism settings). Reading is strict: every field must be
 * present with the right type and no unknown field is accepted. Doubles are written in shortest
 * round-trip form, so {@code val_bpb} survives a round trip bit for bit; {@code flops} is a string
 * of decimal digits, the protocol's one form for FLOP quantities (a GPU run's count can pass 2^53).
 */
public final class RunRecordJson {
  public static final String FORMAT = "swarmledger/run/v2";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "format",
          "track",
          "seed",
          "source_sha256",
          "steps",
          "budget_seconds",
          "tokens",
          "flops",
          "num_params",
          "val_bpb",
          "eval_targets",
          "eval_bytes",
          "train_loss",
          "hash_interval",
          "segment_hashes",
          "final_param_hash",
          "training_seconds",
          "total_seconds",
          "device",
          "libtorch_version",
          "dtype",
          "threads",
          "sandbox",
          "hardware_class",
          "device_model",
          "deterministic",
          "attention_kernel",
          "cublas_workspace_config");

  private RunRecordJson() {}

  public static String toJson(RunRecord record) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("track", record.track());
    root.put("seed", record.seed());
    root.put("source_sha256", record.sourceSha256());
    root.put("steps", record.steps());
    if (record.budgetSeconds().isPresent()) {
      root.put("budget_seconds", record.budgetSeconds().getAsDouble());
    } else {
      root.putNull("budget_seconds");
    }
    root.put("tokens", record.tokens());
    DecimalQuantity.put(root, "flops", record.flops());
    root.put("num_params", record.parameterCount());
    root.put("val_bpb", record.valBpb());
    root.put("eval_targets", record.evalTargets());
    root.put("eval_bytes", record.evalBytes());
    ArrayNode losses = root.putArray("train_loss");
    for (LossSample sample : record.trainLoss()) {
      losses.addObject().put("step", sample.step()).put("loss", sample.loss());
    }
    root.put("hash_interval", record.hashInterval());
    ArrayNode links = root.putArray("segment_hashes");
    record.segmentHashes().forEach(links::add);
    root.put("final_param_hash", record.finalParamHash());
    root.put("training_seconds", record.trainingSeconds());
    root.put("total_seconds", record.totalSeconds());
    root.put("device", record.device());
    root.put("libtorch_version", record.libtorchVersion());
    root.put("dtype", record.dtype());
    root.put("threads", record.threads());
    root.put("sandbox", record.sandbox());
    root.put("hardware_class", record.hardwareClass());
    root.put("device_model", record.deviceModel());
    root.put("deterministic", record.deterministic());
    root.put("attention_kernel", record.attentionKernel());
    root.put("cublas_workspace_config", record.cublasWorkspace());
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a run record", e);
    }
  }

  /**
   * Parses a run record.
   *
   * @throws IllegalArgumentException naming the first missing, mistyped or unknown field
   */
  public static RunRecord fromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("run record is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("run record must be a JSON object");
    }
    Set<String> present = new LinkedHashSet<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown run record field: " + name);
      }
      present.add(name);
    }
    for (String name : FIELDS) {
      if (!present.contains(name)) {
        throw new IllegalArgumentException("missing run record field: " + name);
      }
    }
    if (!FORMAT.equals(text(root, "format"))) {
      throw new IllegalArgumentException("unsupported run record format: " + root.get("format"));
    }
    JsonNode budget = root.get("budget_seconds");
    OptionalDouble budgetSeconds =
        budget.isNull()
            ? OptionalDouble.empty()
            : OptionalDouble.of(number(root, "budget_seconds"));
    List<LossSample> losses = new ArrayList<>();
    for (JsonNode sample : array(root, "train_loss")) {
      if (!sample.isObject() || sample.size() != 2) {
        throw new IllegalArgumentException("train_loss entries are {step, loss}");
      }
      losses.add(new LossSample(integer(sample, "step"), number(sample, "loss")));
    }
    List<String> links = new ArrayList<>();
    for (JsonNode link : array(root, "segment_hashes")) {
      if (!link.isTextual()) {
        throw new IllegalArgumentException("segment_hashes holds hex strings");
      }
      links.add(link.asText());
    }
    return new RunRecord(
        text(root, "track"),
        integer(root, "seed"),
        text(root, "source_sha256"),
        integer(root, "steps"),
        budgetSeconds,
        integer(root, "tokens"),
        flops(root, "flops"),
        integer(root, "num_params"),
        number(root, "val_bpb"),
        integer(root, "eval_targets"),
        integer(root, "eval_bytes"),
        losses,
        (int) integer(root, "hash_interval"),
        links,
        text(root, "final_param_hash"),
        number(root, "training_seconds"),
        number(root, "total_seconds"),
        text(root, "device"),
        text(root, "libtorch_version"),
        text(root, "dtype"),
        (int) integer(root, "threads"),
        text(root, "sandbox"),
        text(root, "hardware_class"),
        text(root, "device_model"),
        bool(root, "deterministic"),
        text(root, "attention_kernel"),
        text(root, "cublas_workspace_config"));
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing field: " + name);
    }
    return value;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(name + " must be true or false");
    }
    return value.booleanValue();
  }

  private static long integer(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return value.longValue();
  }

  /** A FLOP count in the protocol's one form for them: a string of decimal digits. */
  private static long flops(JsonNode node, String name) {
    try {
      return DecimalQuantity.read(field(node, name), name, 0, Long.MAX_VALUE);
    } catch (Rejection e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static double number(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isNumber()) {
      throw new IllegalArgumentException(name + " must be a number");
    }
    return value.doubleValue();
  }

  private static JsonNode array(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    return value;
  }
}
