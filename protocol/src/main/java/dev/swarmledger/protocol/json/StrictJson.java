package dev.swarmledger.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * Parses and canonicalises protocol JSON. Parsing is strict: duplicate keys, trailing content, deep
 * nesting and numbers not written in their RFC 8785 form (such as {@code 1.0}, {@code 1e3}, {@code
 * -0} or integers beyond 2^53) are refused, so that every accepted document has exactly one meaning
 * and one canonical encoding. Quantities that outgrow 2^53 (FLOP counts) travel as strings of
 * decimal digits instead: {@link DecimalQuantity}.
 */
public final class StrictJson {
  /** Integers beyond this are not exactly representable in I-JSON (RFC 7493). */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final int MAX_DEPTH = 32;
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(40)
                  .maxStringLength(8 * 1024 * 1024)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final ObjectMapper MAPPER =
      new ObjectMapper(FACTORY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private StrictJson() {}

  /** Parses a JSON object, refusing anything that is not strictly well-formed protocol JSON. */
  public static ObjectNode parseObject(byte[] utf8) {
    checkNumbers(utf8);
    JsonNode node;
    try {
      node = MAPPER.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw new Rejection(ErrorCode.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Rejection(ErrorCode.MALFORMED_JSON, "not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new Rejection(ErrorCode.MALFORMED_JSON, "expected a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Parses a JSON object from text. */
  public static ObjectNode parseObject(String text) {
    return parseObject(text.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 8785 canonical UTF-8 bytes of a JSON value. */
  public static byte[] canonical(JsonNode node) {
    try {
      return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot canonicalise JSON: " + e.getMessage(), e);
    }
  }

  /** RFC 8785 canonical text of a JSON value. */
  public static String canonicalString(JsonNode node) {
    return new String(canonical(node), StandardCharsets.UTF_8);
  }

  /** A fresh node factory for building protocol JSON. */
  public static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }

  /** The RFC 8785 text of a number: what a canonical document must contain for it. */
  public static String canonicalNumber(double value) {
    try {
      return NumberToJSON.serializeNumber(value);
    } catch (IOException e) {
      throw new Rejection(ErrorCode.NON_CANONICAL_NUMBER, "number is not finite: " + value);
    }
  }

  /** I-JSON (RFC 7493 §2.1), which RFC 8785 requires, forbids unpaired UTF-16 surrogates. */
  private static void checkSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Rejection(ErrorCode.MALFORMED_JSON, "string holds an unpaired UTF-16 surrogate");
      }
    }
  }

  private static void checkNumbers(byte[] utf8) {
    try (JsonParser parser = FACTORY.createParser(utf8)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
          checkSurrogates(parser.getText());
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          String text = parser.getText();
          double value = Double.parseDouble(text);
          if (token == JsonToken.VALUE_NUMBER_INT && Math.abs(value) > MAX_SAFE_INTEGER) {
            throw new Rejection(
                ErrorCode.NON_CANONICAL_NUMBER,
                "integer "
                    + text
                    + " is beyond 2^53-1 (FLOP quantities are strings of decimal digits)");
          }
          if (!canonicalNumber(value).equals(text)) {
            throw new Rejection(
                ErrorCode.NON_CANONICAL_NUMBER,
                "number " + text + " is not in canonical form (" + canonicalNumber(value) + ")");
          }
        }
      }
    } catch (JsonProcessingException e) {
      throw new Rejection(ErrorCode.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Rejection(ErrorCode.MALFORMED_JSON, "not valid JSON");
    }
  }
}
