package dev.durable.conformance;

import static dev.durable.conformance.CaseSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackSubmitter;
import dev.durable.core.DurableOperationException;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.Map;

/** Suite 7: waitForCallback — a callback, its submitter step and the wait, in one context. */
final class WaitForCallbackCases {
  private WaitForCallbackCases() {}

  /** The submitters in these cases only receive the id; nothing durable happens in them. */
  private static final CallbackSubmitter NOTHING = (callbackId, step) -> { };

  static CaseHandler handler(String number, Map<String, String> vars) {
    CallbackOptions none = CallbackOptions.defaults();
    return switch (number) {
      case "7.1", "7.15" -> CaseHandler.of((in, ctx) ->
          ctx.waitForCallback(text(in), String.class, NOTHING, none));
      case "7.2" -> CaseHandler.of((in, ctx) -> ctx.waitForCallback("approval", String.class, NOTHING, none));
      case "7.3" -> CaseHandler.of((in, ctx) -> ctx.waitForCallback("callback", String.class,
          (id, s) -> s.logger().info("submitting {}", id), none));
      case "7.5" -> CaseHandler.of((in, ctx) -> ctx.waitForCallback(text(in), String.class, NOTHING,
          CallbackOptions.timeout(Duration.ofSeconds(3))));
      case "7.6" -> CaseHandler.of((in, ctx) -> {
        try {
          return ctx.waitForCallback(text(in), String.class, NOTHING, none);
        } catch (DurableOperationException e) {
          return "recovered";
        }
      });
      case "7.7" -> CaseHandler.of((in, ctx) -> ctx.waitForCallback(text(in), TypeToken.of(String.class),
          (id, s) -> {
            throw new IllegalStateException("the submitter cannot reach the external system");
          }, none, StepOptions.defaults().withRetry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))));
      case "7.9" -> CaseHandler.of((in, ctx) -> {
        ctx.waitForCallback("first", String.class, NOTHING, none);
        return ctx.waitForCallback("second", String.class, NOTHING, none);
      });
      case "7.10" -> CaseHandler.of((in, ctx) -> {
        ctx.wait("wait", Duration.ofSeconds(1));
        ctx.step("fixed", String.class, s -> "fixed data");
        return ctx.waitForCallback(text(in), String.class, NOTHING, none);
      });
      case "7.11" -> CaseHandler.of((in, ctx) ->
          ctx.waitForCallback(text(in), JsonNode.class, NOTHING, none).get("status").asText());
      case "7.13" -> CaseHandler.of((in, ctx) -> ctx.waitForCallback(text(in), String.class, NOTHING,
          new CallbackOptions(null, Duration.ofSeconds(10), null)));
      case "7.14" -> CaseHandler.of((in, ctx) -> {
        try {
          return ctx.waitForCallback(text(in), String.class, NOTHING,
              CallbackOptions.timeout(Duration.ofSeconds(3)));
        } catch (DurableOperationException e) {
          return "timed-out-handled";
        }
      });
      default -> null;
    };
  }
}
