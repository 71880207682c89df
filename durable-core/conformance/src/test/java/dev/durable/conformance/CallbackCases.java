package dev.durable.conformance;

import static dev.durable.conformance.CaseSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.CallbackFailedException;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.DurableCallback;
import dev.durable.core.TypeToken;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Suite 4: callbacks created by the handler and completed from outside. */
final class CallbackCases {
  private CallbackCases() {}

  static CaseHandler handler(String number, Map<String, String> vars) {
    CallbackOptions none = CallbackOptions.defaults();
    return switch (number) {
      case "4.1" -> CaseHandler.of((in, ctx) -> ctx.createCallback(text(in), String.class, none).get());
      case "4.2" -> CaseHandler.of((in, ctx) -> ctx.createCallback("approval", String.class, none).get());
      case "4.3" -> CaseHandler.of((in, ctx) -> ctx.createCallback(text(in), String.class,
          CallbackOptions.timeout(Duration.ofSeconds(5))).get());
      case "4.5" -> CaseHandler.of((in, ctx) -> ctx.createCallback(text(in), String.class,
          new CallbackOptions(null, Duration.ofSeconds(10), null)).get());
      case "4.6" -> CaseHandler.of((in, ctx) -> ctx.createCallback(text(in), String.class, none).get());
      case "4.7" -> CaseHandler.of((in, ctx) -> {
        DurableCallback<String> cb = ctx.createCallback(text(in), String.class, none);
        ctx.step("notify", String.class, s -> "sent " + cb.id());
        return cb.get();
      });
      case "4.9", "4.10" -> CaseHandler.of((in, ctx) -> {
        DurableCallback<String> cb = ctx.createCallback(text(in), String.class, none);
        ctx.wait("wait", Duration.ofSeconds(5));
        return cb.get();
      });
      case "4.11" -> CaseHandler.of((in, ctx) -> {
        DurableCallback<String> cb = ctx.createCallback(text(in), String.class,
            CallbackOptions.timeout(Duration.ofSeconds(3)));
        ctx.wait("wait", Duration.ofSeconds(6));
        return cb.get();
      });
      case "4.13" -> CaseHandler.of((in, ctx) -> {
        String message;
        try {
          message = ctx.createCallback(text(in), String.class, none).get();
        } catch (CallbackFailedException e) {
          message = "callback failed: " + e.getMessage();
        }
        ctx.wait("wait", Duration.ofSeconds(2));
        return message;
      });
      case "4.14" -> CaseHandler.of((in, ctx) -> {
        String message;
        try {
          message = ctx.createCallback(text(in), String.class,
              CallbackOptions.timeout(Duration.ofSeconds(3))).get();
        } catch (CallbackTimeoutException e) {
          message = "callback timed out";
        }
        ctx.wait("wait", Duration.ofSeconds(2));
        return message;
      });
      case "4.15" -> CaseHandler.of((in, ctx) -> {
        JsonNode received = ctx.createCallback(text(in), JsonNode.class,
            none.withSerDes(epochSecondsTimestamps())).get();
        return Map.of("received", received);
      });
      case "4.17" -> CaseHandler.of((in, ctx) -> {
        String a = ctx.createCallback(in.get(0).asText(), String.class, none).get();
        String b = ctx.createCallback(in.get(1).asText(), String.class, none).get();
        return List.of(a, b);
      });
      case "4.18" -> CaseHandler.of((in, ctx) -> {
        DurableCallback<String> a = ctx.createCallback(in.get(0).asText(), String.class, none);
        DurableCallback<String> b = ctx.createCallback(in.get(1).asText(), String.class, none);
        String first = a.get();
        return List.of(first, b.get());
      });
      case "4.19" -> CaseHandler.of((in, ctx) -> {
        DurableCallback<String> a = ctx.createCallback(in.get(0).asText(), String.class, none);
        DurableCallback<String> b = ctx.createCallback(in.get(1).asText(), String.class, none);
        String second = b.get();
        return List.of(a.get(), second);
      });
      default -> null;
    };
  }

  /** Reads a JSON object whose {@code timestamp} is an ISO instant, as epoch seconds. */
  private static SerDes epochSecondsTimestamps() {
    SerDes json = JacksonSerDes.create();
    return new SerDes() {
      @Override
      public String serialize(Object value) {
        return json.serialize(value);
      }

      @Override
      public <T> T deserialize(String data, TypeToken<T> type) {
        ObjectNode node = (ObjectNode) json.deserialize(data, TypeToken.of(JsonNode.class));
        JsonNode ts = node.get("timestamp");
        if (ts != null && ts.isTextual()) {
          node.put("timestamp", Instant.parse(ts.asText()).getEpochSecond());
        }
        @SuppressWarnings("unchecked")
        T result = (T) node;
        return result;
      }
    };
  }
}
