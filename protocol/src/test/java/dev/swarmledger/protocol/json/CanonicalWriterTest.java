package dev.swarmledger.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The fast canonical writer gives the reference canonicaliser's bytes for any tree. */
class CanonicalWriterTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Provide
  Arbitrary<JsonNode> trees() {
    return Arbitraries.lazyOf(
        () -> strings().map(F::textNode),
        () -> Arbitraries.longs().map(F::numberNode),
        () ->
            Arbitraries.longs().between(-(1L << 54), 1L << 54).map(v -> (JsonNode) F.numberNode(v)),
        () -> Arbitraries.doubles().filter(Double::isFinite).map(F::numberNode),
        () -> Arbitraries.of(1e21, 1e-7, 5e-324, 0.1, 123456789.125, -0.0, 2.0).map(F::numberNode),
        () -> Arbitraries.of(true, false).map(F::booleanNode),
        () -> Arbitraries.just(F.nullNode()),
        () -> trees().list().ofMaxSize(4).map(this::array),
        () -> Arbitraries.maps(strings(), trees()).ofMaxSize(5).map(this::object));
  }

  private Arbitrary<String> strings() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\u00ff')
        .withChars('\u2028', '\u20ac', '\ud7ff', '\ue000', '\uffff', '"', '\\', '\u007f')
        .ofMaxLength(8);
  }

  private JsonNode array(java.util.List<JsonNode> items) {
    ArrayNode a = F.arrayNode();
    items.forEach(a::add);
    return a;
  }

  private JsonNode object(java.util.Map<String, JsonNode> members) {
    ObjectNode o = F.objectNode();
    members.forEach(o::set);
    return o;
  }

  @Property(tries = 500)
  void sameBytesAsTheReference(@ForAll("trees") JsonNode tree) {
    // The reference takes only an object or an array at the top.
    JsonNode wrapped = F.arrayNode().add(tree);
    assertThat(CanonicalWriter.canonical(wrapped)).isEqualTo(StrictJson.canonical(wrapped));
  }

  @Test
  void supplementaryCharactersBigIntegersAndKeyOrder() {
    ObjectNode o = F.objectNode();
    o.put("\ud83d\ude00", "emoji \ud83d\ude00");
    o.put("\ue000", 1);
    o.put("a", new BigInteger("123456789012345678901234567890"));
    o.put("A", Long.MAX_VALUE);
    o.put("", "\u0001\u001f");
    assertThat(CanonicalWriter.canonical(o)).isEqualTo(StrictJson.canonical(o));
  }
}
