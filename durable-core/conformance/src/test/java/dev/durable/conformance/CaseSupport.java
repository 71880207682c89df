package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.TypeToken;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.serde.SerDes;
import java.util.Map;
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

  /**
   * A non-JSON SerDes for strings: writes {@code prefix + value}, reads the prefix back off (the
   * cases' "wrapped" per-item serializers).
   */
  static SerDes prefixing(String prefix) {
    return new SerDes() {
      @Override
      public String serialize(Object value) {
        return value == null ? null : prefix + value;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T deserialize(String data, TypeToken<T> type) {
        if (data == null) {
          return null;
        }
        if (!data.startsWith(prefix)) {
          throw new IllegalArgumentException("not written by this SerDes: " + data);
        }
        return (T) data.substring(prefix.length());
      }
    };
  }

  /** A JSON SerDes that wraps each value as {@code {"wrapped": value}} and unwraps it on read. */
  static SerDes wrappingJson() {
    SerDes json = JacksonSerDes.create();
    return new SerDes() {
      @Override
      public String serialize(Object value) {
        return json.serialize(Map.of("wrapped", value));
      }

      @Override
      public <T> T deserialize(String data, TypeToken<T> type) {
        JsonNode node = json.deserialize(data, TypeToken.of(JsonNode.class));
        return json.deserialize(node.get("wrapped").toString(), type);
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
