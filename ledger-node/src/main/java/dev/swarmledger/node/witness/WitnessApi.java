package dev.swarmledger.node.witness;

import dev.swarmledger.node.http.ApiResponse;
import dev.swarmledger.node.http.Routes;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.witness.AddCheckpointRequest;
import dev.swarmledger.protocol.witness.WitnessRules;
import java.nio.charset.StandardCharsets;

/**
 * The witness's HTTP endpoints under the prefix {@code /v1/witness}: {@code POST add-checkpoint}
 * (C2SP tlog-witness) and the monitoring {@code GET <origin hash>/checkpoint}.
 */
public final class WitnessApi {
  public static final String PREFIX = "/v1/witness";
  static final String SIZE_TYPE = "text/x.tlog.size";

  private final Witness witness;

  public WitnessApi(Witness witness) {
    this.witness = witness;
  }

  public void register(Routes routes) {
    routes
        .postText(PREFIX + "/add-checkpoint", r -> add(r.body()))
        .get(PREFIX + "/{origin}/checkpoint", r -> held(r.pathParam("origin")));
  }

  private ApiResponse add(byte[] body) {
    AddCheckpointRequest request;
    try {
      request = AddCheckpointRequest.parse(body);
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    Witness.Answer a = witness.add(request);
    if (a.cosignature().isPresent()) {
      return ApiResponse.text(a.cosignature().get());
    }
    WitnessRules.Verdict v = a.verdict();
    return switch (v.refusal().orElseThrow()) {
      case BAD_REQUEST -> ApiResponse.error(ErrorCode.INVALID_ARGUMENT, v.message());
      case NOT_SIGNED -> ApiResponse.error(ErrorCode.CHECKPOINT_NOT_SIGNED, v.message());
      case UNKNOWN_LOG -> ApiResponse.error(ErrorCode.UNKNOWN_LOG, v.message());
      case INCONSISTENT -> ApiResponse.error(ErrorCode.INCONSISTENT_CHECKPOINT, v.message());
      // The spec fixes this body: the size held, in decimal, for the client to retry from.
      case OLD_SIZE_MISMATCH ->
          new ApiResponse(
              ErrorCode.OLD_SIZE_MISMATCH.httpStatus(),
              SIZE_TYPE,
              (v.heldSize().orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8));
    };
  }

  private ApiResponse held(String originHash) {
    return witness
        .store()
        .read(originHash)
        .map(n -> ApiResponse.text(n).withHeader("Cache-Control", "no-cache"))
        .orElseThrow(
            () -> new Rejection(ErrorCode.NOT_FOUND, "this witness holds no checkpoint for it"));
  }
}
