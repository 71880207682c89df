package dev.durable.lambda;

import dev.durable.core.BatchOptions;
import dev.durable.core.CallbackFailedException;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The workflows the end-to-end tests run on both runtimes. */
final class Workflows {
  private Workflows() {}

  record Order(String id, String customer, long amountCents) {}

  record Receipt(String orderId, String paymentId, String status) {}

  /** The seed order workflow: validate, charge, a 300 s cool-off, complete. */
  static DurableFunction<Order, Receipt> order() {
    return (order, ctx) -> {
      String id = ctx.step("validate", String.class, s -> {
        if (order.amountCents() <= 0) {
          throw new IllegalArgumentException("amount must be positive");
        }
        return order.id();
      });
      String payment = ctx.step("charge", String.class, s -> "pay-" + order.id() + "-" + s.attempt(),
          StepOptions.atMostOncePerRetry());
      ctx.wait("cool-off", Duration.ofSeconds(300));
      return ctx.step("complete", Receipt.class, s -> new Receipt(id, payment, "COMPLETED"));
    };
  }

  /**
   * A retrying step (fails on its first two attempts, 2 s apart), a map whose items each run a step,
   * and a child context with two steps. The failure count is kept per execution, so both runtimes
   * see the same attempts.
   */
  static DurableFunction<List<Integer>, String> retryMapChild() {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    return (items, ctx) -> {
      String flaky = ctx.step("flaky", String.class, s -> {
        int n = attempts.computeIfAbsent(ctx.executionArn(), k -> new AtomicInteger()).incrementAndGet();
        if (n < 3) {
          throw new IllegalStateException("transient failure " + n);
        }
        return "ok after " + s.attempt();
      }, StepOptions.defaults().withRetry(RetryPolicy.fixed(5, Duration.ofSeconds(2))));
      var doubled = ctx.map("double", items, Integer.class,
          (item, i, c) -> c.step("times-two", Integer.class, s -> item * 2),
          BatchOptions.maxConcurrency(1)); // one at a time: a deterministic history to compare
      String summary = ctx.runInChildContext("summary", String.class, c -> {
        int sum = c.step("sum", Integer.class, s -> doubled.results().stream().mapToInt(x -> x).sum());
        return c.step("describe", String.class, s -> "sum=" + sum);
      });
      return flaky + "; " + doubled.results() + "; " + summary;
    };
  }

  /** Waits for an approval callback (60 s timeout); reports how it ended. */
  static DurableFunction<String, String> approval(Map<String, String> callbackIds) {
    return (request, ctx) -> {
      try {
        String answer = ctx.waitForCallback("approval", String.class,
            (callbackId, s) -> callbackIds.put(request, callbackId),
            CallbackOptions.timeout(Duration.ofSeconds(60)));
        return "approved: " + answer;
      } catch (CallbackFailedException e) {
        return "rejected: " + e.getMessage();
      } catch (CallbackTimeoutException e) {
        return "timed out";
      }
    };
  }

  /** {@code n} steps with results of about 1 KB each, then a wait: a state that needs paging. */
  static DurableFunction<Integer, Integer> largeState() {
    return (n, ctx) -> {
      int total = 0;
      for (int i = 0; i < n; i++) {
        int k = i;
        total += ctx.step("block-" + i, String.class, s -> "x".repeat(1000) + k).length();
      }
      ctx.wait("pause", Duration.ofSeconds(5));
      return total + ctx.step("after", Integer.class, s -> 1);
    };
  }

  /** Three steps; the tests make the second checkpoint stale. */
  static DurableFunction<String, String> threeSteps(AtomicInteger bodyRuns) {
    return (in, ctx) -> {
      String a = ctx.step("a", String.class, s -> {
        bodyRuns.incrementAndGet();
        return in + "-a";
      });
      String b = ctx.step("b", String.class, s -> a + "-b");
      return ctx.step("c", String.class, s -> b + "-c");
    };
  }

  /** Names its first step after a counter, so a replay issues a different name: non-deterministic. */
  static DurableFunction<String, String> nonDeterministic(AtomicInteger counter) {
    return (in, ctx) -> {
      String v = ctx.step("step-" + counter.incrementAndGet(), String.class, s -> in);
      ctx.wait("pause", Duration.ofSeconds(10));
      return v;
    };
  }
}
