package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import java.util.function.Function;

/**
 * The strict JSON mapping of one transaction body: {@code decode} reads every field it knows (the
 * caller then refuses any other), {@code encode} writes the wire form.
 */
public interface BodyCodec<B extends TxBody> {
  B decode(JsonFields fields);

  ObjectNode encode(B body);

  static <B extends TxBody> BodyCodec<B> of(
      Function<JsonFields, B> decoder, Function<B, ObjectNode> encoder) {
    return new BodyCodec<>() {
      @Override
      public B decode(JsonFields fields) {
        return decoder.apply(fields);
      }

      @Override
      public ObjectNode encode(B body) {
        return encoder.apply(body);
      }
    };
  }
}
