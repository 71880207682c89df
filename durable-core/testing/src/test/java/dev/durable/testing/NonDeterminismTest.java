package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.BatchOptions;
import dev.durable.core.ConditionResult;
import dev.durable.core.DurableContext;
import dev.durable.core.NonDeterministicExecutionException;
import dev.durable.core.WaitStrategy;
import dev.durable.core.model.ErrorObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code that changes between invocations: the operation issued at a recorded position must match the
 * journal's type, sub-type and name, or the execution fails (reference §1.8, §0 item 10).
 */
@Timeout(10)
class NonDeterminismTest {

  /** What the handler does at position 1, before and after the "deployment". */
  @FunctionalInterface
  interface Op {
    void issue(DurableContext ctx) throws Exception;
  }

  static Stream<Arguments> changes() {
    Op stepCharge = ctx -> ctx.step("charge", String.class, s -> "ok");
    return Stream.of(
        Arguments.of("renamed step", stepCharge, (Op) ctx -> ctx.step("bill", String.class, s -> "ok"),
            "STEP 'charge' (Step)", "STEP 'bill' (Step)"),
        Arguments.of("step became a wait", stepCharge, (Op) ctx -> ctx.wait("charge", Duration.ofSeconds(1)),
            "STEP 'charge' (Step)", "WAIT 'charge' (Wait)"),
        Arguments.of("step became a child context", stepCharge,
            (Op) ctx -> ctx.runInChildContext("charge", String.class, c -> "ok"),
            "STEP 'charge' (Step)", "CONTEXT 'charge' (RunInChildContext)"),
        Arguments.of("step became a waitForCondition (same type, other sub-type)", stepCharge,
            (Op) ctx -> ctx.waitForCondition("charge", Integer.class, 0, (s, st) -> ConditionResult.stop(s),
                WaitStrategy.fixed(2, Duration.ofSeconds(1))),
            "STEP 'charge' (Step)", "STEP 'charge' (WaitForCondition)"),
        Arguments.of("child context became a map (same type, other sub-type)",
            (Op) ctx -> ctx.runInChildContext("charge", String.class, c -> "ok"),
            (Op) ctx -> ctx.map("charge", List.of(1), Integer.class, (i, n, c) -> i, BatchOptions.defaults()),
            "CONTEXT 'charge' (RunInChildContext)", "CONTEXT 'charge' (Map)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aDifferentOperationAtARecordedPositionFailsTheExecution(String label, Op before, Op after,
      String recorded, String issued) {
    AtomicBoolean deployed = new AtomicBoolean();
    DurableTestRunner<String, String> runner = DurableTestRunner.create((String in, DurableContext ctx) -> {
      (deployed.get() ? after : before).issue(ctx);
      ctx.wait("pause", Duration.ofSeconds(5));
      return "done";
    }, String.class, String.class);
    assertRunning(runner.run("x"));
    deployed.set(true);
    TestResult<String> r = assertFailed(runner.resume());

    ErrorObject error = r.error();
    assertThat(error.errorType()).isEqualTo(NonDeterministicExecutionException.class.getName());
    assertThat(error.errorMessage()).as(label)
        .contains("operation #1 of the root context")
        .contains("the journal recorded " + recorded)
        .contains("the code now issued " + issued);
    assertThat(Histories.types(r)).endsWith("InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void aMismatchInsideAChildContextNamesTheChildAndThePosition() {
    AtomicBoolean deployed2 = new AtomicBoolean();
    DurableTestRunner<String, String> changed = DurableTestRunner.create((String in, DurableContext ctx) ->
        ctx.runInChildContext("checkout", String.class, c -> {
          c.step("reserve", String.class, s -> "r");
          if (deployed2.get()) {
            c.step("audit", String.class, s -> "a");
          }
          c.wait("hold", Duration.ofSeconds(5));
          return "p";
        }), String.class, String.class);
    assertRunning(changed.run("x"));
    deployed2.set(true);
    TestResult<String> r = assertFailed(changed.resume());
    assertThat(r.error().errorType()).isEqualTo(NonDeterministicExecutionException.class.getName());
    assertThat(r.error().errorMessage())
        .contains("operation #2 of child context 'checkout'")
        .contains("WAIT 'hold' (Wait)")
        .contains("STEP 'audit' (Step)");
  }

  @Test
  void catchingExceptionAroundTheOperationCannotSwallowIt() {
    AtomicBoolean deployed = new AtomicBoolean();
    AtomicInteger caught = new AtomicInteger();
    DurableTestRunner<String, String> runner = DurableTestRunner.create((String in, DurableContext ctx) -> {
      try {
        ctx.step(deployed.get() ? "bill" : "charge", String.class, s -> "ok");
      } catch (Exception e) {
        caught.incrementAndGet();
        return "swallowed " + e;
      }
      ctx.wait("pause", Duration.ofSeconds(5));
      return "done";
    }, String.class, String.class);
    assertRunning(runner.run("x"));
    deployed.set(true);
    TestResult<String> r = assertFailed(runner.resume());
    assertThat(caught).hasValue(0);
    assertThat(r.error().errorType()).isEqualTo(NonDeterministicExecutionException.class.getName());
  }

  @Test
  void catchingThrowableAroundTheOperationCannotSwallowItEither() {
    AtomicBoolean deployed = new AtomicBoolean();
    DurableTestRunner<String, String> runner = DurableTestRunner.create((String in, DurableContext ctx) -> {
      try {
        ctx.step(deployed.get() ? "bill" : "charge", String.class, s -> "ok");
      } catch (Throwable t) {
        return "swallowed " + t;
      }
      ctx.wait("pause", Duration.ofSeconds(5));
      return "done";
    }, String.class, String.class);
    assertRunning(runner.run("x"));
    deployed.set(true);
    TestResult<String> r = assertFailed(runner.resume());
    assertThat(r.error().errorType()).isEqualTo(NonDeterministicExecutionException.class.getName());
  }

  @Test
  void newOperationsAfterTheRecordedOnesAreAllowed() {
    AtomicBoolean deployed = new AtomicBoolean();
    DurableTestRunner<String, String> runner = DurableTestRunner.create((String in, DurableContext ctx) -> {
      String a = ctx.step("a", String.class, s -> "a");
      ctx.wait("pause", Duration.ofSeconds(5));
      String b = deployed.get() ? ctx.step("added-later", String.class, s -> "b") : "";
      return a + b;
    }, String.class, String.class);
    assertRunning(runner.run("x"));
    deployed.set(true);
    assertThat(assertSucceeded(runner.resume()).result()).isEqualTo("ab");
  }

  @Test
  void theMismatchedOperationIsNotJournaled() {
    AtomicBoolean deployed = new AtomicBoolean();
    AtomicInteger billRuns = new AtomicInteger();
    DurableTestRunner<String, String> runner = DurableTestRunner.create((String in, DurableContext ctx) -> {
      ctx.wait("pause", Duration.ofSeconds(5));
      if (deployed.get()) {
        ctx.step("bill", String.class, s -> "b" + billRuns.incrementAndGet());
      }
      return "done";
    }, String.class, String.class);
    assertRunning(runner.run("x"));
    deployed.set(true);
    // the second invocation issues 'bill' at position 2: new, so allowed
    assertSucceeded(runner.resume());

    AtomicBoolean swapped = new AtomicBoolean();
    DurableTestRunner<String, String> other = DurableTestRunner.create((String in, DurableContext ctx) -> {
      if (swapped.get()) {
        ctx.step("bill", String.class, s -> "b" + billRuns.incrementAndGet());
      } else {
        ctx.wait("pause", Duration.ofSeconds(5));
      }
      return "done";
    }, String.class, String.class);
    assertRunning(other.run("x"));
    swapped.set(true);
    TestResult<String> r = assertFailed(other.resume());
    assertThat(billRuns).as("the body of the mismatched step never runs").hasValue(1);
    assertThat(r.operations()).noneMatch(o -> "bill".equals(o.name()));
  }
}
