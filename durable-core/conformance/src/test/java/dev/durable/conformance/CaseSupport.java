package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.TypeToken;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.serde.SerDes;
import java.util.function.UnaryOperator;

/** Small pieces the case handlers share. */
final class CaseSupport {
  private CaseSupport() {}

  /** The input as text, or null for a JSON null. */
  static String text(JsonNode input) {
    return input == null || input.isNull() ? null : input.asText();
  }

  /**
   * A SerDes that rewrites string values on their way into the journal (the cases' "custom serdes"
   * handlers, e.g. upper-casing), delegating to Jackson otherwise.
   */
  static SerDes rewritingStrings(UnaryOperator<String> onWrite) {
    SerDes json = JacksonSerDes.create();
    return new SerDes() {
      @Override
      public String serialize(Object value) {
        return json.serialize(value instanceof String s ? onWrite.apply(s) : value);
      }

      @Override
      public <T> T deserialize(String data, TypeToken<T> type) {
        return json.deserialize(data, type);
      }
    };
  }

  /** An error type the cases retry on by type. */
  static final class TransientError extends RuntimeException {
    TransientError(String message) {
      super(message);
    }
  }
}
