package dev.durable.local.store;

import dev.durable.core.BatchOptions;
import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Workflows for the end-to-end tests; their step bodies count how often they run. */
final class Workflows {
  private Workflows() {}

  record Order(String id, int amount) {}

  /** Steps, a retried step, a wait, a callback, a child context, a map and a chained invoke. */
  static final class OrderFlow implements DurableFunction<Order, String> {
    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger flakyAttempts = new AtomicInteger();
    final Queue<String> callbackIds = new ConcurrentLinkedQueue<>();

    @Override
    public String apply(Order order, DurableContext ctx) {
      String v = ctx.step("validate", String.class, s -> {
        validations.incrementAndGet();
        return "ok-" + order.id();
      });
      int tries = ctx.step("flaky", Integer.class, s -> {
        if (flakyAttempts.incrementAndGet() < 3) {
          throw new IllegalStateException("not yet");
        }
        return flakyAttempts.get();
      }, StepOptions.defaults().withRetry(RetryPolicy.fixed(5, Duration.ofSeconds(2))));
      ctx.wait("cool-off", Duration.ofMinutes(5));
      String approval = ctx.waitForCallback("approve", String.class,
          (id, s) -> callbackIds.add(id), CallbackOptions.timeout(Duration.ofHours(1)));
      int sum = ctx.runInChildContext("child", Integer.class,
          c -> c.step("a", Integer.class, s -> 1) + c.step("b", Integer.class, s -> 2));
      List<Integer> doubled = ctx.map("double", List.of(1, 2, 3), Integer.class,
          (item, i, c) -> c.step("x2", Integer.class, s -> item * 2),
          BatchOptions.maxConcurrency(1)) // one at a time: the start order is then deterministic
          .throwIfError().results();
      String helped = ctx.invoke("call-helper", "helper", order.id(), String.class);
      return v + "/" + tries + "/" + approval + "/" + sum + "/" + doubled + "/" + helped;
    }
  }

  /** The chained-invoke target. */
  static final class Helper implements DurableFunction<String, String> {
    @Override
    public String apply(String in, DurableContext ctx) {
      return ctx.step("help", String.class, s -> "helped-" + in);
    }
  }

  /** {@code n} steps returning their index. */
  static final class Steps implements DurableFunction<Integer, Integer> {
    final AtomicInteger bodies = new AtomicInteger();

    @Override
    public Integer apply(Integer n, DurableContext ctx) {
      int sum = 0;
      for (int i = 0; i < n; i++) {
        int k = i;
        sum += ctx.step("s", Integer.class, s -> {
          bodies.incrementAndGet();
          return k;
        });
      }
      return sum;
    }
  }
}
