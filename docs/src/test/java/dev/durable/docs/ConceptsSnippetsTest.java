package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.Branch;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.ConditionResult;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.WaitStrategy;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The snippets of docs/concepts.md, run on the test kit. */
class ConceptsSnippetsTest {

  record Quote(String sku, int cents) {}

  interface Prices {
    int priceOf(String sku);
  }

  @Test
  void deterministicOrchestration() {
    AtomicInteger calls = new AtomicInteger();
    Prices prices = sku -> calls.incrementAndGet() * 100;
    // snippet:determinism
    DurableFunction<String, Quote> quote = (sku, ctx) -> {
      // I/O and anything that may differ between runs lives in a step: its result is journaled
      int cents = ctx.step("price", Integer.class, s -> prices.priceOf(sku));
      // replay-safe helpers: journaled (now) or derived from the run's identity (uuid, random)
      Instant at = ctx.now();
      UUID quoteId = ctx.uuid();
      ctx.logger().info("quote {} for {} at {}", quoteId, sku, at); // silent while replaying
      ctx.wait("hold", Duration.ofMinutes(10));
      return new Quote(sku, cents);
    };
    // end
    var runner = DurableTestRunner.create(quote, String.class, Quote.class);
    TestResult<Quote> result = runner.runUntilComplete("sku-1");
    assertThat(result.result()).isEqualTo(new Quote("sku-1", 100));
    assertThat(result.invocations()).isEqualTo(2);
    assertThat(calls).hasValue(1); // the replay after the wait did not call the price service again
  }

  @Test
  void stepSemanticsAndRetries() {
    AtomicInteger attempts = new AtomicInteger();
    // snippet:retries
    DurableFunction<String, String> pay = (order, ctx) -> ctx.step("charge", String.class, s -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IllegalStateException("gateway busy"); // retried durably: the run sleeps with no thread
      }
      return "paid " + order + " with key " + s.idempotencyKey();
    }, StepOptions.atMostOncePerRetry().withRetry(RetryPolicy.fixed(5, Duration.ofSeconds(30))));
    // end
    TestResult<String> result = DurableTestRunner.create(pay, String.class, String.class).runUntilComplete("o-1");
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.operation("charge").attempts()).isEqualTo(3);
  }

  @Test
  void fanOut() {
    // snippet:fanOut
    DurableFunction<List<String>, Integer> total = (skus, ctx) -> {
      BatchResult<Integer> priced = ctx.map("price-all", skus, Integer.class,
          (sku, i, child) -> child.step("price", Integer.class, s -> sku.length() * 100),
          BatchOptions.maxConcurrency(4).withCompletion(CompletionPolicy.allSuccessful()));
      BatchResult<String> checks = ctx.parallel("checks", String.class, List.of(
          Branch.of("fraud", child -> child.step("fraud", String.class, s -> "ok")),
          Branch.of("stock", child -> child.step("stock", String.class, s -> "ok"))),
          BatchOptions.defaults());
      checks.throwIfError();
      return priced.results().stream().mapToInt(Integer::intValue).sum();
    };
    // end
    TestResult<Integer> result = DurableTestRunner.create(total, new dev.durable.core.TypeToken<List<String>>() {},
        dev.durable.core.TypeToken.of(Integer.class)).runUntilComplete(List.of("ab", "abc"));
    assertThat(result.result()).isEqualTo(500);
  }

  @Test
  void polling() {
    AtomicInteger polls = new AtomicInteger();
    // snippet:polling
    DurableFunction<String, String> awaitShipment = (id, ctx) -> ctx.waitForCondition("shipped", String.class,
        "PENDING",
        (state, s) -> polls.incrementAndGet() < 3
            ? ConditionResult.keepPolling("PENDING")
            : ConditionResult.stop("SHIPPED"),
        WaitStrategy.fixed(10, Duration.ofMinutes(5))); // each pause is a durable wait
    // end
    TestResult<String> result = DurableTestRunner.create(awaitShipment, String.class, String.class)
        .runUntilComplete("p-1");
    assertThat(result.result()).isEqualTo("SHIPPED");
    assertThat(polls).hasValue(3);
  }
}
