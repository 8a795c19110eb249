package dev.swarmledger.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A contract as the build compiled it (src/build/compile.mjs writes one JSON file per contract onto
 * the classpath): its ABI, creation bytecode and the compiler settings that produced them.
 */
public record CompiledContract(
    String name, JsonNode abi, String bin, String runtimeBin, String solc, String evmVersion) {

  /** The compiled {@code LedgerAnchor}. */
  public static CompiledContract ledgerAnchor() {
    return load("LedgerAnchor");
  }

  public static CompiledContract load(String name) {
    String resource = "/dev/swarmledger/contracts/" + name + ".json";
    try (InputStream in = CompiledContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath: build the contracts module (mvn verify)");
      }
      JsonNode n = new ObjectMapper().readTree(in);
      return new CompiledContract(
          n.get("contract").asText(),
          n.get("abi"),
          n.get("bin").asText(),
          n.get("runtimeBin").asText(),
          n.get("compiler").get("solc").asText(),
          n.get("compiler").get("evmVersion").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
