package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.DurableFuture;
import dev.durable.core.LimitExceededException;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.OperationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Service limits enforced locally (reference §2.10): 256 KB per operation, 6 MB per result, 25,000 operations. */
@Timeout(10)
class LimitsTest {
  private static final int KB_256 = 262_144;

  /** A string of {@code chars} ASCII characters serializes to {@code chars + 2} bytes of JSON. */
  @ParameterizedTest(name = "{0} bytes of JSON -> {1}")
  @CsvSource({"262143, SUCCEEDED", "262144, SUCCEEDED", "262145, FAILED", "300002, FAILED"})
  void aStepResultMayBeAtMost256KB(int jsonBytes, OperationStatus expected) {
    AtomicInteger runs = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return "len " + ctx.step("big", String.class, s -> {
          runs.incrementAndGet();
          return "x".repeat(jsonBytes - 2);
        }).length();
      } catch (StepFailedException e) {
        return e.errorType() + " | " + e.getMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.operation("big").status()).isEqualTo(expected);
    assertThat(runs).as("the limit is not a retryable failure").hasValue(1);
    if (expected == OperationStatus.SUCCEEDED) {
      assertThat(r.result()).isEqualTo("len " + (jsonBytes - 2));
    } else {
      assertThat(r.result()).startsWith(LimitExceededException.class.getName())
          .contains("step 'big'").contains(jsonBytes + " bytes").contains(String.valueOf(KB_256));
      assertThat(r.operation("big").resultJson()).isNull();
    }
  }

  @Test
  void aLargeStepResultIsCheckedWithMultiByteCharactersCountedAsBytes() {
    // 100,000 three-byte characters: 100,000 chars but 300,002 bytes of JSON
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("wide", String.class, s -> "\u20ac".repeat(100_000),
        StepOptions.noRetry());
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.operation("wide").error().errorType()).isEqualTo(LimitExceededException.class.getName());
    assertThat(r.operation("wide").error().errorMessage()).contains("300002 bytes");
  }

  @Test
  void anExecutionResultOver6MBFailsClearly() {
    int chars = 6_500_000;
    DurableFunction<String, String> fn = (in, ctx) -> "y".repeat(chars);
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(LimitExceededException.class.getName());
    assertThat(r.error().errorMessage()).contains("result").contains((chars + 2) + " bytes").contains("6291456");
  }

  /** Between the 6 MB response cap and the 6,291,456-byte payload limit the result goes through a checkpoint. */
  @Test
  void aResultJustUnderThePayloadLimitIsStoredThroughAnExecutionCheckpoint() {
    int chars = 6_291_440;
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.wait("pause", Duration.ofSeconds(1));
      return "z".repeat(chars);
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).hasSize(chars);
    assertThat(Histories.first(r, "ExecutionSucceeded").payload()).hasSize(chars + 2);
  }

  /** Results that are fine alone but together exceed the 750 KB per checkpoint: batches are split. */
  @Test
  void concurrentLargeResultsAreCheckpointedWithinTheBatchLimit() {
    DurableFunction<String, Integer> fn = (in, ctx) -> {
      List<DurableFuture<String>> chunks = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        chunks.add(ctx.stepAsync("chunk-" + i, TypeToken.of(String.class), s -> "c".repeat(250_000),
            StepOptions.noRetry()));
      }
      int total = 0;
      for (DurableFuture<String> c : chunks) {
        total += c.get().length();
      }
      return total;
    };
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(1_250_000);
  }

  /** The journal may hold 25,000 operations (the EXECUTION operation included); the next one is refused. */
  @Test
  @Timeout(30)
  void theOperationLimitFailsTheExecutionWithAClearMessage() {
    AtomicInteger issued = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      for (int i = 0; i < 25_010; i++) {
        ctx.step("s", Integer.class, s -> issued.incrementAndGet(), StepOptions.noRetry());
      }
      return "unreachable";
    };
    long start = System.nanoTime();
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.error().errorMessage()).contains("25000").contains("operations");
    assertThat(r.operations()).hasSize(25_000);
    assertThat(issued.get()).isBetween(24_999, 25_000);
    assertThat(millis).as("the limit check must stay cheap").isLessThan(5_000);
  }
}
