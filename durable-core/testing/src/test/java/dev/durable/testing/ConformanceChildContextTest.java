package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.op;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.ChildContextFailedException;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepOptions;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** runInChildContext (conformance suite 3, reference §1.7, §1.10). */
@Timeout(10)
class ConformanceChildContextTest {

  @Test
  void aChildContextJournalsItsOperationsUnderItsOwnId() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.runInChildContext("child", String.class,
        c -> c.step("inner", String.class, s -> in.toUpperCase()));
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("abc"));
    assertThat(r.result()).isEqualTo("ABC");
    Operation child = op(r, "child");
    Operation inner = op(r, "inner");
    assertThat(child.type()).isEqualTo(OperationType.CONTEXT);
    assertThat(child.subType()).isEqualTo("RunInChildContext");
    assertThat(child.parentId()).isNull();
    assertThat(child.id()).isEqualTo(Histories.sha256("1"));
    assertThat(inner.parentId()).isEqualTo(child.id());
    assertThat(inner.id()).isEqualTo(Histories.sha256(child.id() + "-1"));
    assertThat(r.operation("child").result(String.class)).isEqualTo("ABC");
    assertThat(types(r)).containsExactly("ContextStarted", "StepStarted", "StepSucceeded", "ContextSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void nestedChildrenFormAParentChain() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.runInChildContext("outer", String.class, outer -> {
      String a = outer.step("outer-step", String.class, s -> "a");
      String b = outer.runInChildContext("inner", String.class,
          inner -> inner.step("inner-step", String.class, s -> "b"));
      return a + b;
    });
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("ab");
    Operation outer = op(r, "outer");
    Operation inner = op(r, "inner");
    assertThat(outer.parentId()).isNull();
    assertThat(op(r, "outer-step").parentId()).isEqualTo(outer.id());
    assertThat(inner.parentId()).isEqualTo(outer.id());
    assertThat(op(r, "inner-step").parentId()).isEqualTo(inner.id());
    assertThat(inner.id()).isEqualTo(Histories.sha256(outer.id() + "-2"));
    assertThat(op(r, "inner-step").id()).isEqualTo(Histories.sha256(inner.id() + "-1"));
    assertThat(types(r)).containsExactly("ContextStarted", "StepStarted", "StepSucceeded", "ContextStarted",
        "StepStarted", "StepSucceeded", "ContextSucceeded", "ContextSucceeded", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  @Test
  void aChildThatThrowsFailsWithChildContextFailedExceptionNamingTheOriginalType() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.runInChildContext("validate", String.class, c -> {
          throw new IllegalArgumentException("order has no lines");
        });
        return "no error";
      } catch (ChildContextFailedException e) {
        return e.errorType() + " | " + e.getMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).startsWith("java.lang.IllegalArgumentException | ")
        .contains("validate").contains("order has no lines");
    assertThat(types(r)).containsExactly("ContextStarted", "ContextFailed", "InvocationCompleted",
        "ExecutionSucceeded");
    assertThat(Histories.first(r, "ContextFailed").error().errorType())
        .isEqualTo(IllegalArgumentException.class.getName());
  }

  @Test
  void anUncaughtChildFailureFailsTheExecution() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.runInChildContext("validate", String.class, c -> {
      throw new IllegalArgumentException("order has no lines");
    });
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(ChildContextFailedException.class.getName());
    assertThat(r.error().errorMessage()).contains("validate").contains("order has no lines");
  }

  /** A failing step inside a child: the child fails, the handler recovers with a later step (3.5). */
  @Test
  void aFailedStepInsideAChildIsReportedThroughTheChild() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.runInChildContext("risky", String.class, c -> c.step("explode", String.class, s -> {
          throw new IllegalStateException("kaboom");
        }, StepOptions.noRetry()));
        return "unreachable";
      } catch (ChildContextFailedException | StepFailedException e) {
        String recovered = ctx.step("recover", String.class, s -> "recovered");
        return recovered + " from " + e.getMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).startsWith("recovered from ").contains("kaboom");
    assertThat(types(r)).containsExactly("ContextStarted", "StepStarted", "StepFailed", "ContextFailed",
        "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(op(r, "recover").parentId()).isNull();
  }

  @Test
  void aFinishedChildIsReplayedFromItsResultWithoutRunningItsBody() {
    AtomicInteger bodyRuns = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      String v = ctx.runInChildContext("child", String.class, c -> {
        bodyRuns.incrementAndGet();
        return c.step("s", String.class, st -> "value");
      });
      ctx.wait("after", Duration.ofSeconds(1));
      return v;
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("value");
    assertThat(bodyRuns).hasValue(1);
    assertThat(r.invocations()).isEqualTo(2);
  }

  /** A child waiting on a wait resumes inside the child and then finishes (3.10, 3.13, 3.18). */
  @Test
  void aWaitInsideAChildSuspendsAndTheChildCompletesOnResume() {
    AtomicInteger innerStep = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      String v = ctx.runInChildContext("child", String.class, c -> {
        String s = c.step("inner", String.class, st -> "in" + innerStep.incrementAndGet());
        c.wait("inner-wait", Duration.ofSeconds(3));
        return s;
      });
      String o = ctx.step("outer", String.class, st -> "out");
      ctx.wait("outer-wait", Duration.ofSeconds(2));
      return v + "-" + o;
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    TestResult<String> first = assertRunning(runner.run("x"));
    assertThat(first.operation("child").status()).isEqualTo(OperationStatus.STARTED);
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("in1-out");
    assertThat(innerStep).hasValue(1);
    assertThat(types(r)).containsExactly("ContextStarted", "StepStarted", "StepSucceeded", "WaitStarted",
        "InvocationCompleted", "WaitSucceeded", "ContextSucceeded", "StepStarted", "StepSucceeded", "WaitStarted",
        "InvocationCompleted", "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(op(r, "inner-wait").parentId()).isEqualTo(op(r, "child").id());
    assertThat(op(r, "outer-wait").parentId()).isNull();
  }

  @Test
  void aStepRetryInsideAChildResumesInsideTheChild() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.runInChildContext("child", String.class,
        c -> c.step("flaky", String.class, s -> {
          if (s.attempt() == 1) {
            throw new IllegalStateException("once");
          }
          return "ok";
        }, StepOptions.defaults().withRetry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))));
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("ok");
    assertThat(types(r)).containsExactly("ContextStarted", "StepStarted", "StepFailed", "InvocationCompleted",
        "StepStarted", "StepSucceeded", "ContextSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  /** Over 256 KB the child journals no payload (ReplayChildren) and rebuilds its result on replay (3.11). */
  @Test
  void aLargeChildResultIsRebuiltFromItsChildrenOnReplay() {
    AtomicInteger bodyRuns = new AtomicInteger();
    AtomicInteger stepRuns = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      String big = ctx.runInChildContext("big", String.class, c -> {
        bodyRuns.incrementAndGet();
        String unit = c.step("unit", String.class, s -> {
          stepRuns.incrementAndGet();
          return "0123456789abcdef";
        });
        return unit.repeat(300 * 1024 / unit.length());
      });
      ctx.wait("after", Duration.ofSeconds(1));
      return big.length() + ":" + big.substring(0, 16) + ":" + big.hashCode();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    String expected = "0123456789abcdef".repeat(300 * 1024 / 16);
    assertThat(r.result()).isEqualTo(expected.length() + ":0123456789abcdef:" + expected.hashCode());
    Operation big = op(r, "big");
    assertThat(big.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(big.contextDetails().replayChildren()).isTrue();
    assertThat(big.contextDetails().result()).isNullOrEmpty();
    assertThat(bodyRuns).as("the body re-runs on replay to rebuild the result").hasValue(2);
    assertThat(stepRuns).as("its step is replayed, not re-run").hasValue(1);
    assertThat(Histories.events(r, "ContextSucceeded")).extracting(HistoryEvent::payload)
        .allSatisfy(p -> assertThat(p == null ? 0 : p.length()).isLessThan(1024));
  }
}
