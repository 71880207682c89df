package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.events;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.ConditionResult;
import dev.durable.core.DurableFunction;
import dev.durable.core.WaitForConditionFailedException;
import dev.durable.core.WaitStrategy;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** waitForCondition: one STEP whose attempts are the checks (conformance suite 6, reference §1.10). */
@Timeout(10)
class ConformanceWaitForConditionTest {
  record Job(String status, int attempts) {}

  @Test
  void pollsWithDurableSleepsCarryingTheStateBetweenChecks() {
    List<Integer> statesSeen = new CopyOnWriteArrayList<>();
    DurableFunction<Integer, Integer> fn = (threshold, ctx) -> ctx.waitForCondition("poll-status", Integer.class, 0,
        (state, step) -> {
          statesSeen.add(state);
          int next = state + 1;
          return next >= threshold ? ConditionResult.stop(next) : ConditionResult.keepPolling(next);
        }, WaitStrategy.fixed(10, Duration.ofSeconds(2)));
    DurableTestRunner<Integer, Integer> runner = DurableTestRunner.create(fn, Integer.class, Integer.class);

    TestResult<Integer> first = assertRunning(runner.run(3));
    TestOperation op = first.operation("poll-status");
    assertThat(op.type()).isEqualTo(OperationType.STEP);
    assertThat(op.subType()).isEqualTo("WaitForCondition");
    assertThat(op.status()).isEqualTo(OperationStatus.PENDING);
    assertThat(op.resultJson()).as("the state is journaled with the RETRY").isEqualTo("1");

    TestResult<Integer> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo(3);
    assertThat(statesSeen).containsExactly(0, 1, 2);
    assertThat(types(r)).containsExactly("StepStarted", "StepSucceeded", "InvocationCompleted", "StepStarted",
        "StepSucceeded", "InvocationCompleted", "StepStarted", "StepSucceeded", "InvocationCompleted",
        "ExecutionSucceeded");
    List<HistoryEvent> polls = events(r, "StepSucceeded");
    assertThat(polls).extracting(HistoryEvent::payload).containsExactly("1", "2", "3");
    assertThat(polls).extracting(HistoryEvent::nextAttemptDelaySeconds).containsExactly(2, 2, null);
    assertThat(polls).extracting(HistoryEvent::name).containsOnly("poll-status");
    assertThat(polls).extracting(HistoryEvent::subType).containsOnly("WaitForCondition");
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(4);
    assertThat(r.operation("poll-status").attempts()).isEqualTo(3);
  }

  @Test
  void aConditionMetOnTheFirstCheckDoesNotSuspend() {
    DurableFunction<String, Integer> fn = (in, ctx) -> ctx.waitForCondition("immediate", Integer.class, 5,
        (state, step) -> ConditionResult.stop(state), WaitStrategy.fixed(3, Duration.ofSeconds(1)));
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(5);
    assertThat(r.invocations()).isEqualTo(1);
    assertThat(types(r)).containsExactly("StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void aNullFinalStateIsReturned() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String s = ctx.waitForCondition("nothing", String.class, "start",
          (state, step) -> ConditionResult.stop(null), WaitStrategy.fixed(3, Duration.ofSeconds(1)));
      return s == null ? "was null" : s;
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("was null");
  }

  @Test
  void givesUpAfterMaxAttemptsWithWaitForConditionFailedException() {
    AtomicInteger checks = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.waitForCondition("never", Integer.class, 0, (state, step) -> {
          checks.incrementAndGet();
          return ConditionResult.keepPolling(state + 1);
        }, WaitStrategy.fixed(3, Duration.ofSeconds(1)));
        return "met";
      } catch (WaitForConditionFailedException e) {
        return "gave up: " + e.getMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(checks).hasValue(3);
    assertThat(r.result()).startsWith("gave up: ").contains("never").contains("3");
    assertThat(r.operation("never").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(types(r)).containsExactly("StepStarted", "StepSucceeded", "InvocationCompleted", "StepStarted",
        "StepSucceeded", "InvocationCompleted", "StepStarted", "StepFailed", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  @Test
  void anUncaughtGiveUpFailsTheExecution() {
    DurableFunction<String, Integer> fn = (in, ctx) -> ctx.waitForCondition("never", Integer.class, 0,
        (state, step) -> ConditionResult.keepPolling(state), WaitStrategy.fixed(2, Duration.ofSeconds(1)));
    TestResult<Integer> r = assertFailed(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(WaitForConditionFailedException.class.getName());
    assertThat(types(r)).endsWith("StepFailed", "InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void aCheckThatThrowsFailsAtOnceWithTheOriginalError() {
    AtomicInteger checks = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.waitForCondition("broken", Integer.class, 0, (state, step) -> {
          checks.incrementAndGet();
          throw new IllegalStateException("status endpoint is down");
        }, WaitStrategy.fixed(5, Duration.ofSeconds(1)));
        return "unreachable";
      } catch (WaitForConditionFailedException e) {
        return e.errorType() + ": " + e.error().errorMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(checks).hasValue(1);
    assertThat(r.result()).isEqualTo("java.lang.IllegalStateException: status endpoint is down");
    assertThat(types(r)).containsExactly("StepStarted", "StepFailed", "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void structuredStateIsCarriedAndReturned() {
    DurableFunction<String, Job> fn = (in, ctx) -> ctx.waitForCondition("job", Job.class, new Job("NEW", 0),
        (state, step) -> {
          Job next = new Job(state.attempts() + 1 >= 2 ? "DONE" : "PENDING", state.attempts() + 1);
          return next.status().equals("DONE") ? ConditionResult.stop(next) : ConditionResult.keepPolling(next);
        }, WaitStrategy.fixed(5, Duration.ofSeconds(1)));
    TestResult<Job> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Job.class).runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(new Job("DONE", 2));
  }

  /** The second waitForCondition gets its own id and is seeded by the first one's result (6.13). */
  @Test
  void sequentialConditionsAreIndependentOperations() {
    DurableFunction<String, Integer> fn = (in, ctx) -> {
      int a = ctx.waitForCondition("first", Integer.class, 0,
          (s, step) -> s + 1 >= 2 ? ConditionResult.stop(s + 1) : ConditionResult.keepPolling(s + 1),
          WaitStrategy.fixed(5, Duration.ofSeconds(1)));
      return ctx.waitForCondition("second", Integer.class, a,
          (s, step) -> s + 1 >= 4 ? ConditionResult.stop(s + 1) : ConditionResult.keepPolling(s + 1),
          WaitStrategy.fixed(5, Duration.ofSeconds(1)));
    };
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(4);
    assertThat(r.operation("first").id()).isEqualTo(Histories.sha256("1"));
    assertThat(r.operation("second").id()).isEqualTo(Histories.sha256("2"));
    assertThat(r.invocations()).isEqualTo(3);
  }

  @Test
  void theCheckRunsWithAStepContext() {
    List<String> seen = new CopyOnWriteArrayList<>();
    DurableFunction<String, Integer> fn = (in, ctx) -> ctx.waitForCondition("ctx", Integer.class, 0, (s, step) -> {
      seen.add(step.name() + "#" + step.attempt());
      return s >= 1 ? ConditionResult.stop(s) : ConditionResult.keepPolling(s + 1);
    }, WaitStrategy.fixed(3, Duration.ofSeconds(1)));
    assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class).runUntilComplete("x"));
    assertThat(seen).containsExactly("ctx#1", "ctx#2");
  }
}
