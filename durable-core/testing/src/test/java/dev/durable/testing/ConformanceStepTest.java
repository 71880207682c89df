package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.first;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepOptions;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Steps: results, failures and replay (conformance suite 1, reference §1.4). */
@Timeout(10)
class ConformanceStepTest {

  record Point(int x, int y) {}

  @Test
  void aStepRunsOnceAndItsResultIsJournaled() {
    DurableFunction<String, String> greet = (name, ctx) -> ctx.step("greet", String.class, s -> "Hello, " + name + "!");
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(greet, String.class, String.class)
        .runUntilComplete("World"));

    assertThat(r.result()).isEqualTo("Hello, World!");
    assertThat(types(r)).containsExactly("StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    TestOperation op = r.operation("greet");
    assertThat(op.type()).isEqualTo(OperationType.STEP);
    assertThat(op.subType()).isEqualTo("Step");
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.attempts()).isEqualTo(1);
    assertThat(op.result(String.class)).isEqualTo("Hello, World!");
    assertThat(op.id()).isEqualTo(Histories.sha256("1"));

    HistoryEvent started = first(r, "StepStarted");
    HistoryEvent succeeded = first(r, "StepSucceeded");
    assertThat(started.id()).isEqualTo(op.id());
    assertThat(succeeded.id()).isEqualTo(op.id());
    assertThat(succeeded.name()).isEqualTo("greet");
    assertThat(succeeded.subType()).isEqualTo("Step");
    assertThat(succeeded.parentId()).isNull();
    assertThat(succeeded.attempt()).isEqualTo(1);
    assertThat(succeeded.payload()).isEqualTo("\"Hello, World!\"");
    assertThat(r.history()).extracting(HistoryEvent::eventId).containsExactly(1, 2, 3, 4, 5);
    assertThat(r.invocations()).isEqualTo(1);
  }

  static Stream<Arguments> journaledValues() {
    return Stream.of(
        Arguments.of("text", String.class),
        Arguments.of(42, Integer.class),
        Arguments.of(3.5, Double.class),
        Arguments.of(true, Boolean.class),
        Arguments.of(new Point(1, 2), Point.class),
        Arguments.of(List.of("a", "b"), List.class),
        Arguments.of(Map.of("k", 1), Map.class),
        Arguments.of(Instant.parse("2026-03-04T05:06:07Z"), Instant.class),
        Arguments.of(null, String.class));
  }

  /** The value read back from the journal on replay equals what the body returned live. */
  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("journaledValues")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void stepResultsSurviveReplay(Object value, Class type) {
    List<Object> seen = new CopyOnWriteArrayList<>();
    DurableFunction<String, Boolean> fn = (in, ctx) -> {
      Object v = ctx.step("value", type, s -> value);
      seen.add(v == null ? "<null>" : v);
      ctx.wait("pause", Duration.ofSeconds(1));
      return Objects.equals(v, value);
    };
    TestResult<Boolean> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Boolean.class)
        .runUntilComplete("in"));
    assertThat(r.result()).as("replayed value equals the live value, seen %s", seen).isTrue();
    assertThat(seen).hasSize(2);
  }

  @Test
  void stepsMayShareANameAndStillGetDistinctIds() {
    DurableFunction<String, Integer> fn = (in, ctx) -> {
      int sum = 0;
      for (int i = 1; i <= 3; i++) {
        int n = i;
        sum += ctx.step("item", Integer.class, s -> n * 10);
      }
      return sum;
    };
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(60);
    List<TestOperation> items = r.operations("item");
    assertThat(items).extracting(o -> o.result(Integer.class)).containsExactly(10, 20, 30);
    assertThat(new HashSet<>(items.stream().map(TestOperation::id).toList())).hasSize(3);
    assertThat(items).extracting(TestOperation::id)
        .containsExactly(Histories.sha256("1"), Histories.sha256("2"), Histories.sha256("3"));
  }

  @Test
  void exhaustedRetriesFailTheExecutionWithStepFailedException() {
    AtomicInteger runs = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("flaky", String.class, s -> {
      runs.incrementAndGet();
      throw new IllegalStateException("always broken");
    }, StepOptions.defaults().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1))));
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));

    assertThat(runs).hasValue(3);
    assertThat(r.operation("flaky").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.operation("flaky").attempts()).isEqualTo(3);
    assertThat(r.operation("flaky").error().errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(r.error().errorType()).isEqualTo(StepFailedException.class.getName());
    assertThat(r.error().errorMessage()).contains("flaky").contains("always broken");
    List<HistoryEvent> failures = Histories.events(r, "StepFailed");
    assertThat(failures).extracting(HistoryEvent::attempt).containsExactly(1, 2, 3);
    assertThat(failures).extracting(HistoryEvent::nextAttemptDelaySeconds).containsExactly(1, 1, null);
    assertThat(types(r).subList(types(r).size() - 2, types(r).size()))
        .containsExactly("InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void aHandlerCanCatchStepFailedExceptionAndReturnAFallback() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return ctx.step("flaky", String.class, s -> {
          throw new IllegalStateException("always broken");
        }, StepOptions.defaults().withRetry(RetryPolicy.fixed(2, Duration.ofSeconds(1))));
      } catch (StepFailedException e) {
        return "fallback after " + e.errorType();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("fallback after java.lang.IllegalStateException");
    assertThat(r.operation("flaky").attempts()).isEqualTo(2);
  }

  @Test
  void noRetryFailsOnTheFirstError() {
    AtomicInteger runs = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("once", String.class, s -> {
      runs.incrementAndGet();
      throw new IllegalArgumentException("bad input");
    }, StepOptions.noRetry());
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(runs).hasValue(1);
    assertThat(r.invocations()).isEqualTo(1);
    assertThat(types(r)).containsExactly("StepStarted", "StepFailed", "InvocationCompleted", "ExecutionFailed");
    HistoryEvent failed = first(r, "StepFailed");
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(failed.nextAttemptDelaySeconds()).isNull();
    assertThat(failed.error().errorType()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(failed.error().errorMessage()).isEqualTo("bad input");
  }

  @Test
  void checkedExceptionsFromStepBodiesAndHandlersAreRecordedWithTheirType() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String seen;
      try {
        ctx.step("write", String.class, s -> {
          throw new IOException("disk full");
        }, StepOptions.noRetry());
        seen = "no error";
      } catch (StepFailedException e) {
        seen = e.errorType() + ": " + e.error().errorMessage();
      }
      throw new TimeoutException("handler gave up after " + seen);
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(TimeoutException.class.getName());
    assertThat(r.error().errorMessage()).isEqualTo("handler gave up after java.io.IOException: disk full");
  }

  /** A permanently failed step re-throws the same error on replay without running again (1.10). */
  @Test
  void replayRethrowsAFailedStepWithoutRunningItsBody() {
    AtomicInteger runs = new AtomicInteger();
    List<String> caught = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.step("doomed", String.class, s -> {
          runs.incrementAndGet();
          throw new IllegalStateException("no way");
        }, StepOptions.noRetry());
      } catch (StepFailedException e) {
        caught.add(e.getClass().getSimpleName() + "|" + e.errorType() + "|" + e.error().errorMessage());
      }
      ctx.wait("after", Duration.ofSeconds(1));
      return "done";
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(runs).hasValue(1);
    assertThat(caught).hasSize(2).containsOnly(caught.get(0));
    assertThat(types(r)).containsExactly("StepStarted", "StepFailed", "WaitStarted", "InvocationCompleted",
        "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void replayDoesNotRerunSucceededStepBodies() {
    Map<String, AtomicInteger> runs = Map.of("a", new AtomicInteger(), "b", new AtomicInteger(),
        "c", new AtomicInteger());
    List<Boolean> handlerStarts = new ArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      synchronized (handlerStarts) {
        handlerStarts.add(true);
      }
      String a = ctx.step("a", String.class, s -> "A" + runs.get("a").incrementAndGet());
      ctx.wait("w1", Duration.ofSeconds(5));
      String b = ctx.step("b", String.class, s -> "B" + runs.get("b").incrementAndGet());
      ctx.wait("w2", Duration.ofSeconds(5));
      String c = ctx.step("c", String.class, s -> "C" + runs.get("c").incrementAndGet());
      return a + b + c;
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("A1B1C1");
    assertThat(r.invocations()).isEqualTo(3);
    assertThat(handlerStarts).hasSize(3);
    runs.values().forEach(n -> assertThat(n).hasValue(1));
  }

  @Test
  void aStepWithAResultIsNotRunAgainWhenTheHandlerFailsLater() {
    AtomicInteger runs = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.step("side-effect", Integer.class, s -> runs.incrementAndGet());
      throw new IllegalStateException("handler failed after the step");
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(runs).hasValue(1);
    assertThat(r.operation("side-effect").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(r.error().errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(r.error().errorMessage()).isEqualTo("handler failed after the step");
  }

  @Test
  void theExecutionInputReachesTheHandler() {
    DurableFunction<Point, Integer> fn = (p, ctx) -> ctx.step("sum", Integer.class, s -> p.x() + p.y());
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, Point.class, Integer.class)
        .runUntilComplete(new Point(3, 4)));
    assertThat(r.result()).isEqualTo(7);
    assertThat(first(r, "ExecutionStarted").payload()).contains("\"x\":3").contains("\"y\":4");
    assertThat(first(r, "ExecutionSucceeded").payload()).isEqualTo("7");
  }

  @Test
  void stepContextExposesAttemptNameAndAStableIdempotencyKey() {
    List<String> keys = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("charge", String.class, s -> {
      keys.add(s.name() + "|" + s.operationId() + "|" + s.attempt() + "|" + s.idempotencyKey());
      if (s.attempt() < 2) {
        throw new IllegalStateException("retry me");
      }
      return s.idempotencyKey();
    }, StepOptions.defaults().withRetry(RetryPolicy.fixed(2, Duration.ofSeconds(1))));
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    String id = Histories.sha256("1");
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0)).startsWith("charge|" + id + "|1|").endsWith(":" + id + ":1");
    assertThat(keys.get(1)).startsWith("charge|" + id + "|2|").endsWith(":" + id + ":2");
    assertThat(r.result()).endsWith(":" + id + ":2");
  }
}
