package dev.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.BatchOptions;
import dev.durable.core.CallbackOptions;
import dev.durable.core.ConditionResult;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.WaitStrategy;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.testing.CrashPointExplorer.CrashPoint;
import dev.durable.testing.CrashPointExplorer.CrashReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The crash-point explorer passes crash-safe workflows and catches a broken one. */
@Timeout(20)
class CrashExplorerTest {
  private static final RetryPolicy ONE_RETRY = RetryPolicy.fixed(2, Duration.ofSeconds(1));

  private static CrashReport explore(DurableFunction<String, String> fn) {
    return CrashPointExplorer.explore(fn, String.class, String.class, "input");
  }

  private static void assertPassesEverywhere(CrashReport report, int minPoints) {
    report.assertAllPassed();
    assertThat(report.points()).hasSizeGreaterThanOrEqualTo(minPoints);
    assertThat(report.passedCount()).isEqualTo(report.points().size());
    assertThat(report.expected()).startsWith("SUCCEEDED");
  }

  /**
   * Concurrent branches batch their checkpoints by timing, so crash points are named by the update
   * they stored: racing branches must never make a point fail as "not reached".
   */
  @Test
  void racingBranchesNeverFailACrashPointByTheirTiming() {
    DurableFunction<String, String> fn = (in, ctx) -> String.join(",", ctx.map("all", List.of("a", "b", "c", "d"),
        String.class, (item, i, child) -> child.step("up-" + item, String.class, s -> item.toUpperCase()),
        BatchOptions.defaults()).results());
    for (int round = 0; round < 5; round++) {
      CrashReport report = explore(fn);
      assertPassesEverywhere(report, 8);
      assertThat(report.expected()).isEqualTo("SUCCEEDED \"A,B,C,D\"");
      assertThat(report.runs()).isGreaterThanOrEqualTo(report.points().size() + 1);
    }
  }

  @Test
  void stepsWithRetriesAndAtMostOnceSemanticsSurviveEveryCrash() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String a = ctx.step("flaky", String.class, s -> {
        if (s.attempt() == 1) {
          throw new IllegalStateException("first attempt fails");
        }
        return "a" + s.attempt();
      }, StepOptions.defaults().withRetry(ONE_RETRY));
      String b = ctx.step("charge", String.class, s -> "b", StepOptions.atMostOncePerRetry().withRetry(ONE_RETRY));
      return a + b;
    };
    CrashReport report = explore(fn);
    assertPassesEverywhere(report, 4);
    assertThat(report.expected()).isEqualTo("SUCCEEDED \"a2b\"");
    assertThat(report.stepBodies()).isEqualTo(3);
  }

  @Test
  void childContextsAndWaitsSurviveEveryCrash() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String c = ctx.runInChildContext("child", String.class, child -> {
        String x = child.step("inner-1", String.class, s -> "x");
        child.wait("inner-wait", Duration.ofSeconds(3));
        return x + child.step("inner-2", String.class, s -> "y");
      });
      ctx.wait("outer-wait", Duration.ofSeconds(5));
      return c + ctx.step("outer", String.class, s -> "z");
    };
    assertPassesEverywhere(explore(fn), 6);
  }

  @Test
  void mapsSurviveEveryCrash() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.map("items", List.of(1, 2, 3), Integer.class,
        (item, i, c) -> c.step("square", Integer.class, s -> item * item), BatchOptions.maxConcurrency(1))
        .results().toString();
    CrashReport report = explore(fn);
    assertPassesEverywhere(report, 5);
    assertThat(report.expected()).isEqualTo("SUCCEEDED \"[1, 4, 9]\"");
  }

  @Test
  void waitForConditionSurvivesEveryCrash() {
    DurableFunction<String, String> fn = (in, ctx) -> String.valueOf(ctx.waitForCondition("poll", Integer.class, 0,
        (s, st) -> s + 1 >= 3 ? ConditionResult.stop(s + 1) : ConditionResult.keepPolling(s + 1),
        WaitStrategy.fixed(5, Duration.ofSeconds(1))));
    assertPassesEverywhere(explore(fn), 3);
  }

  @Test
  void callbacksDrivenByTheDriverSurviveEveryCrash() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String before = ctx.step("before", String.class, s -> "b");
      String answer = ctx.waitForCallback("approval", String.class, (id, s) -> { }, CallbackOptions.defaults());
      return before + answer;
    };
    CrashReport report = CrashPointExplorer.explore(fn, TypeToken.of(String.class), TypeToken.of(String.class),
        "input", runner -> {
          try {
            runner.completeCallback("approval", "-ok");
            return true;
          } catch (RuntimeException e) {
            return false;
          }
        });
    assertPassesEverywhere(report, 4);
    assertThat(report.expected()).isEqualTo("SUCCEEDED \"b-ok\"");
  }

  /** Not deterministic: the first step's name changes with every handler invocation. */
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Test
  void aNonDeterministicWorkflowIsReported() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String name = "step-" + INVOCATIONS.incrementAndGet();
      ctx.step(name, String.class, s -> "x");
      ctx.step("second", String.class, s -> "y");
      return "done";
    };
    CrashReport report = explore(fn);
    assertThat(report.expected()).as("the uncrashed run is fine").isEqualTo("SUCCEEDED \"done\"");
    assertThat(report.points()).filteredOn(p -> !p.passed()).isNotEmpty()
        .anySatisfy(p -> assertThat(p.problem()).contains("NonDeterministicExecutionException"));
    assertThatThrownBy(report::assertAllPassed).isInstanceOf(AssertionError.class)
        .hasMessageContaining("crash points failed").hasMessageContaining("FAIL crash after");
  }

  /** A result computed from a side effect outside the journal changes when a crash makes a body re-run. */
  @Test
  void aResultThatDependsOnAnUnjournaledSideEffectIsReported() {
    AtomicInteger charges = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.step("reset", Integer.class, s -> { // runs once per explored run: starts each run at zero
        charges.set(0);
        return 0;
      });
      ctx.step("charge", Integer.class, s -> charges.incrementAndGet());
      return "charged " + charges.get() + " time(s)";
    };
    CrashReport report = explore(fn);
    assertThat(report.expected()).isEqualTo("SUCCEEDED \"charged 1 time(s)\"");
    List<CrashPoint> failed = report.points().stream().filter(p -> !p.passed()).toList();
    assertThat(failed).as(report.toString()).isNotEmpty();
    assertThat(failed).anySatisfy(p -> assertThat(p.description()).contains("step body"));
  }

  @Test
  void theReportDescribesEachCrashPoint() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("only", String.class, s -> "v");
    CrashReport report = explore(fn).assertAllPassed();
    assertThat(report.checkpoints()).isGreaterThanOrEqualTo(1);
    assertThat(report.points()).extracting(CrashPoint::description)
        .anySatisfy(d -> assertThat(d).startsWith("crash after checkpoint 1 of"))
        .anySatisfy(d -> assertThat(d).contains("'only' attempt 1"));
    assertThat(report.toString()).contains("crash points passed");
  }
}
