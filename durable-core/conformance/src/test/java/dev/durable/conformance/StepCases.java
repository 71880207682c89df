package dev.durable.conformance;

import static dev.durable.conformance.CaseSupport.text;

import dev.durable.core.StepFailedException;
import dev.durable.core.StepOptions;
import dev.durable.core.StepSemantics;
import dev.durable.core.retry.Jitter;
import dev.durable.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.Map;

/** Suite 1: steps — results, names, serdes, retries, replay, at-most-once crashes. */
final class StepCases {
  private StepCases() {}

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "1.1" -> CaseHandler.of((in, ctx) ->
          ctx.step("greet", String.class, s -> "Hello, " + text(in) + "!"));
      case "1.2" -> CaseHandler.of((in, ctx) ->
          ctx.step("custom_step_name", String.class, s -> "Hello, " + text(in) + "!"));
      case "1.3" -> CaseHandler.of((in, ctx) -> {
        String first = ctx.step("step_one", String.class, s -> "first");
        return ctx.step("step_two", String.class, s -> first + "_second");
      });
      case "1.5" -> CaseHandler.of((in, ctx) -> ctx.step("do_nothing", String.class, s -> null));
      case "1.6" -> CaseHandler.of((in, ctx) -> ctx.step("return_input", String.class,
          s -> text(in), StepOptions.defaults().withSerDes(CaseSupport.rewritingStrings(String::toUpperCase))));
      case "1.7" -> CaseHandler.of((in, ctx) -> ctx.step("greet", String.class, s -> {
        s.logger().info("Greeting step started for: {}", text(in));
        String greeting = "Hello, " + text(in) + "!";
        s.logger().info("Greeting step completed with: {}", greeting);
        return greeting;
      }));
      case "1.9" -> CaseHandler.of((in, ctx) -> {
        String v = ctx.step("func", String.class, s -> {
          s.logger().info("step executed");
          return "cached_value";
        });
        ctx.wait("wait", Duration.ofSeconds(1));
        return v;
      });
      case "1.10" -> CaseHandler.of((in, ctx) -> {
        String outcome;
        try {
          outcome = ctx.step("func", String.class, s -> {
            throw new IllegalStateException("step failed on purpose");
          }, StepOptions.noRetry());
        } catch (StepFailedException e) {
          outcome = "caught: " + e.getMessage();
        }
        ctx.wait("wait", Duration.ofSeconds(1));
        return outcome;
      });
      case "1.11" -> CaseHandler.of((in, ctx) -> ctx.step("unreliable_func", String.class, s -> {
        if (s.attempt() == 1) {
          throw new IllegalStateException("first attempt fails");
        }
        return "Operation succeeded";
      }, StepOptions.defaults().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1)))));
      case "1.13" -> CaseHandler.of((in, ctx) -> ctx.step("unreliable_func", String.class, s -> {
        if (s.attempt() < 3) {
          throw new IllegalStateException("attempt " + s.attempt() + " fails");
        }
        return "succeeded on attempt 3";
      }));
      case "1.14" -> CaseHandler.of((in, ctx) -> ctx.step("func", String.class, s -> {
        if (s.attempt() < 3) {
          throw new IllegalStateException("attempt " + s.attempt() + " fails");
        }
        return "succeeded on attempt 3";
      }, StepOptions.defaults().withRetry(RetryPolicy.exponential(5, Duration.ofSeconds(2),
          Duration.ofSeconds(60), 3.0, Jitter.NONE))));
      case "1.15" -> CaseHandler.of((in, ctx) -> ctx.step("func", String.class, s -> {
        if (s.attempt() == 1) {
          throw new CaseSupport.TransientError("temporary glitch");
        }
        return "recovered";
      }, StepOptions.defaults().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1))
          .retryOn(CaseSupport.TransientError.class))));
      case "1.17" -> CaseHandler.of((in, ctx) -> ctx.step("at_most_once_flaky_step", String.class, s -> {
        s.logger().info("processing {}", text(in));
        return Crash.now();
      }, StepOptions.noRetry().withSemantics(StepSemantics.AT_MOST_ONCE_PER_RETRY)));
      case "1.18" -> CaseHandler.of((in, ctx) -> ctx.step("flaky_step", String.class, s -> {
        s.logger().info("processing {}", text(in));
        return s.attempt() == 1 ? Crash.now() : "succeeded on second attempt";
      }, StepOptions.atMostOncePerRetry().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1)))));
      case "1.19" -> CaseHandler.of((in, ctx) -> ctx.step("failing_func", String.class, s -> {
        throw new IllegalStateException("always fails");
      }, StepOptions.noRetry()));
      default -> null;
    };
  }
}
