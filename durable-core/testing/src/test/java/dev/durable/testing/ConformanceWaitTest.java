package dev.durable.testing;

import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.events;
import static dev.durable.testing.Histories.first;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.DurableFuture;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Durable waits (conformance suite 2, reference §1.10, §2.8). */
@Timeout(10)
class ConformanceWaitTest {

  @Test
  void aWaitSuspendsTheRunAndResumesOnlyOnceItsTimeHasPassed() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.wait("pause", Duration.ofSeconds(30));
      return "after the pause";
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);

    TestResult<String> first = assertRunning(runner.run("x"));
    assertThat(first.operation("pause").type()).isEqualTo(OperationType.WAIT);
    assertThat(first.operation("pause").subType()).isEqualTo("Wait");
    assertThat(first.operation("pause").status()).isEqualTo(OperationStatus.STARTED);
    HistoryEvent started = first(first, "WaitStarted");
    assertThat(started.durationSeconds()).isEqualTo(30);
    assertThat(started.scheduledEnd()).isEqualTo(first.history().get(0).timestamp().plusSeconds(30));
    assertThat(types(first)).containsExactly("WaitStarted", "InvocationCompleted");

    runner.advanceTime(Duration.ofSeconds(29));
    assertThat(runner.result().operation("pause").status()).as("one second early").isEqualTo(OperationStatus.STARTED);
    assertThat(runner.service().executionsAwaitingInvocation()).isEmpty();

    runner.advanceTime(Duration.ofSeconds(1));
    assertThat(runner.result().operation("pause").status()).isEqualTo(OperationStatus.SUCCEEDED);

    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("after the pause");
    assertThat(r.invocations()).isEqualTo(2);
    assertThat(types(r)).containsExactly("WaitStarted", "InvocationCompleted", "WaitSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
    assertThat(first(r, "WaitSucceeded").durationSeconds()).isEqualTo(30);
    assertThat(Histories.secondsBetween(started, first(r, "WaitSucceeded"))).isEqualTo(30);
  }

  /** Exact event sequence of a step then a wait (reference §2.8 example, conformance 1.8 / 2.1). */
  @Test
  void aStepThenAWaitProducesTheReferenceHistory() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String s = ctx.step("prepare", String.class, st -> "prepared " + in);
      ctx.wait("cool-off", Duration.ofSeconds(5));
      return s;
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("order"));
    assertThat(r.result()).isEqualTo("prepared order");
    assertThat(r.eventTypes()).containsExactly("ExecutionStarted", "StepStarted", "StepSucceeded", "WaitStarted",
        "InvocationCompleted", "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(r.history()).extracting(HistoryEvent::eventId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    List<HistoryEvent> h = r.history();
    assertThat(h.get(1).id()).isEqualTo(h.get(2).id()).isEqualTo(Histories.sha256("1"));
    assertThat(h.get(3).id()).isEqualTo(h.get(5).id()).isEqualTo(Histories.sha256("2"));
    assertThat(h.get(3).subType()).isEqualTo("Wait");
    assertThat(h.get(3).name()).isEqualTo("cool-off");
    assertThat(h.get(3).durationSeconds()).isEqualTo(5);
    assertThat(h.get(4).id()).as("InvocationCompleted has no operation id").isNull();
    assertThat(h.get(4).invocationStart()).isNotNull();
    assertThat(h).filteredOn(e -> e.id() != null && !e.eventType().startsWith("Execution"))
        .allSatisfy(e -> assertThat(e.parentId()).isNull());
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(5);
  }

  @Test
  void sequentialWaitsEachTakeAnInvocation() {
    DurableFunction<String, Integer> fn = (in, ctx) -> {
      ctx.wait("wait-1", Duration.ofSeconds(2));
      ctx.wait("wait-2", Duration.ofSeconds(2));
      return 2;
    };
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(types(r)).containsExactly("WaitStarted", "InvocationCompleted", "WaitSucceeded", "WaitStarted",
        "InvocationCompleted", "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(events(r, "WaitStarted")).extracting(HistoryEvent::name).containsExactly("wait-1", "wait-2");
    assertThat(r.invocations()).isEqualTo(3);
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(4);
  }

  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of(Duration.ofSeconds(1), 1),
        Arguments.of(Duration.ofMillis(1500), 2),
        Arguments.of(Duration.ofHours(1), 3600),
        Arguments.of(Duration.ofDays(366), 31_622_400));
  }

  /** The journaled duration is in whole seconds, rounded up (conformance 2.5). */
  @ParameterizedTest(name = "{0} -> {1} s")
  @MethodSource("durations")
  void waitDurationsAreJournaledInWholeSeconds(Duration d, int seconds) {
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.wait("long", d);
      return "done";
    };
    TestResult<String> r = assertRunning(DurableTestRunner.create(fn, String.class, String.class).run("x"));
    assertThat(first(r, "WaitStarted").durationSeconds()).isEqualTo(seconds);
  }

  @Test
  void concurrentWaitsOverlapInsteadOfAddingUp() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<Void> a = ctx.waitAsync("five", Duration.ofSeconds(5));
      DurableFuture<Void> b = ctx.waitAsync("ten", Duration.ofSeconds(10));
      a.get();
      b.get();
      return "both";
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(10);
    assertThat(types(r)).startsWith("WaitStarted", "WaitStarted", "InvocationCompleted");
    assertThat(r.operation("five").id()).isEqualTo(Histories.sha256("1"));
    assertThat(r.operation("ten").id()).isEqualTo(Histories.sha256("2"));
  }

  @Test
  void waitsInConcurrentChildContextsOverlap() {
    DurableFunction<String, Integer> fn = (in, ctx) -> {
      DurableFuture<Integer> a = ctx.runInChildContextAsync("a", TypeToken.of(Integer.class), c -> {
        c.wait("a-wait", Duration.ofSeconds(5));
        return c.step("a-step", Integer.class, s -> 1, StepOptions.noRetry());
      });
      DurableFuture<Integer> b = ctx.runInChildContextAsync("b", TypeToken.of(Integer.class), c -> {
        c.wait("b-wait", Duration.ofSeconds(7));
        return c.step("b-step", Integer.class, s -> 2, StepOptions.noRetry());
      });
      return a.get() + b.get();
    };
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(3);
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(7);
    assertThat(r.operation("a-wait").operation().parentId()).isEqualTo(r.operation("a").id());
    assertThat(r.operation("b-wait").operation().parentId()).isEqualTo(r.operation("b").id());
    assertThat(r.invocations()).isLessThanOrEqualTo(3);
  }

  @Test
  void aWaitThatEndedWhileAnotherOperationRanIsNotWaitedForAgain() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<Void> w = ctx.waitAsync("short", Duration.ofSeconds(1));
      ctx.wait("long", Duration.ofSeconds(10));
      w.get();
      return "ok";
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(10);
    assertThat(events(r, "WaitSucceeded")).extracting(HistoryEvent::name).containsExactly("short", "long");
  }
}
