package dev.durable.local;

import static dev.durable.local.Fixtures.awaitCallback;
import static dev.durable.local.Fixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.StepOptions;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ServiceException;
import dev.durable.core.service.StartResult;
import dev.durable.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalRuntimeTest {
  private final Fixtures fx = new Fixtures();
  private final ManualClock clock = new ManualClock();
  private LocalRuntime rt = fx.runtime("w1", clock).build();

  @AfterEach
  void close() {
    rt.close();
  }

  @Test
  void runsAStartedExecutionAndAwaitReturnsItsResult() {
    rt.register("double", (Integer n, DurableContext ctx) -> ctx.step("twice", Integer.class, s -> n * 2),
        Integer.class, Integer.class);
    rt.startWorker();
    StartResult run = rt.start("double", "d-1", 21);

    assertThat(rt.await(run.executionArn(), Integer.class, Duration.ofSeconds(5))).isEqualTo(42);
    assertThat(rt.status(run.executionId()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(rt.operations(run.executionArn())).extracting(o -> o.name()).contains("twice");
    assertThat(rt.list(new ExecutionQuery("double", ExecutionStatus.SUCCEEDED, null, null, 10)))
        .extracting(r -> r.executionId()).containsExactly(run.executionId());
  }

  @Test
  void aWaitResumesWhenTheClockPassesItsEnd() {
    rt.register("sleepy", (String s, DurableContext ctx) -> {
      ctx.wait("nap", Duration.ofSeconds(10));
      return s + "!";
    }, String.class, String.class);
    rt.startWorker();
    String arn = rt.start("sleepy", null, "hi").executionArn();
    eventually(Duration.ofSeconds(5), () -> rt.history(arn).stream()
        .anyMatch(e -> e.eventType().equals("InvocationCompleted")));

    assertThatThrownBy(() -> rt.await(arn, String.class, Duration.ofMillis(100)))
        .isInstanceOf(AwaitTimeoutException.class).hasMessageContaining("still RUNNING");
    clock.advance(Duration.ofSeconds(10));
    assertThat(rt.await(arn, String.class, Duration.ofSeconds(5))).isEqualTo("hi!");
    assertThat(rt.history(arn)).extracting(HistoryEvent::eventType).contains("WaitSucceeded");
  }

  @Test
  void aFailedStepIsRetriedDurablyAfterItsDelay() {
    AtomicInteger attempts = new AtomicInteger();
    rt.register("flaky", (String s, DurableContext ctx) -> ctx.step("call", String.class, st -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IllegalStateException("not yet");
      }
      return "ok";
    }, StepOptions.defaults().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(2)))),
        String.class, String.class);
    rt.startWorker();
    String arn = rt.start("flaky", null, "x").executionArn();

    eventually(Duration.ofSeconds(10), () -> {
      clock.advance(Duration.ofSeconds(1));
      return rt.status(arn).status().isTerminal();
    });
    assertThat(rt.await(arn, String.class, Duration.ofSeconds(1))).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aCallbackCompletedThroughTheRuntimeResumesTheRunWithoutWaitingForAPoll() {
    rt.close();
    rt = fx.runtime("w1", Clock.systemUTC()).pollInterval(Duration.ofSeconds(30)).build();
    rt.register("approve", (String s, DurableContext ctx) -> "approved by "
        + ctx.waitForCallback("ok", String.class, (id, st) -> { }, CallbackOptions.defaults()),
        String.class, String.class);
    rt.startWorker();
    String arn = rt.start("approve", null, "req").executionArn();
    String callbackId = awaitCallback(rt, arn);

    long t0 = System.nanoTime();
    rt.completeCallback(callbackId, "\"ann\"");
    assertThat(rt.await(arn, String.class, Duration.ofSeconds(5))).isEqualTo("approved by ann");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aFailedCallbackFailsTheRunAndAwaitThrowsItsError() {
    rt.register("approve", (String s, DurableContext ctx) -> ctx.waitForCallback("ok", String.class,
        (id, st) -> { }, CallbackOptions.defaults()), String.class, String.class);
    rt.startWorker();
    String arn = rt.start("approve", null, "req").executionArn();
    rt.failCallback(awaitCallback(rt, arn), ErrorObject.of("Rejected", "manager said no"));

    assertThatThrownBy(() -> rt.await(arn, String.class, Duration.ofSeconds(5)))
        .isInstanceOf(ExecutionFailedException.class).hasMessageContaining("FAILED")
        .hasMessageContaining("manager said no");
  }

  @Test
  void aChainedInvokeStartsTheRegisteredTargetAndGetsItsResult() {
    rt.register("child", (Integer n, DurableContext ctx) -> ctx.step("square", Integer.class, s -> n * n),
        Integer.class, Integer.class);
    rt.register("parent", (Integer n, DurableContext ctx) -> ctx.invoke("sq", "child", n, Integer.class) + 1,
        Integer.class, Integer.class);
    rt.startWorker();
    String arn = rt.start("parent", "p-1", 7).executionArn();

    assertThat(rt.await(arn, Integer.class, Duration.ofSeconds(5))).isEqualTo(50);
    var children = rt.list(new ExecutionQuery("child", null, null, null, 10));
    assertThat(children).hasSize(1);
    assertThat(children.get(0).parentExecutionId()).isEqualTo(rt.status(arn).executionId());
  }

  @Test
  void startIsIdempotentByNameAndRefusesADifferentInput() {
    rt.register("echo", (String s, DurableContext ctx) -> s, String.class, String.class);
    StartResult first = rt.start("echo", "same-name", "a");
    StartResult again = rt.start("echo", "same-name", "a");

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThatThrownBy(() -> rt.start("echo", "same-name", "b"))
        .isInstanceOf(ServiceException.class).hasMessageContaining("different input")
        .satisfies(e -> assertThat(((ServiceException) e).code())
            .isEqualTo(ServiceException.ALREADY_STARTED));
  }

  @Test
  void stopEndsARunningExecutionAndAwaitReportsTheReason() {
    rt.register("approve", (String s, DurableContext ctx) -> ctx.waitForCallback("ok", String.class,
        (id, st) -> { }, CallbackOptions.defaults()), String.class, String.class);
    rt.startWorker();
    String arn = rt.start("approve", null, "req").executionArn();
    awaitCallback(rt, arn);

    assertThat(rt.stop(arn, "operator cancelled")).isEqualTo(clock.instant());
    assertThatThrownBy(() -> rt.await(arn, String.class, Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(ExecutionFailedException.class,
            e -> assertThat(e.status()).isEqualTo(ExecutionStatus.STOPPED))
        .hasMessageContaining("operator cancelled");
  }

  @Test
  void awaitWithoutAWorkerTimesOutWithAHint() {
    rt.register("echo", (String s, DurableContext ctx) -> s, String.class, String.class);
    String arn = rt.start("echo", null, "a").executionArn();
    assertThatThrownBy(() -> rt.await(arn, String.class, Duration.ofMillis(50)))
        .isInstanceOf(AwaitTimeoutException.class).hasMessageContaining("startWorker()");
  }

  @Test
  void crashedInvocationsAreRetriedWithBackoffAndARunThatAlwaysCrashesIsFailed() {
    AtomicInteger calls = new AtomicInteger();
    rt.register("crashy", (String s, DurableContext ctx) -> {
      if (calls.incrementAndGet() <= 2) {
        throw new InternalError("engine-level crash " + calls.get());
      }
      return "survived";
    }, String.class, String.class);
    rt.register("doomed", (String s, DurableContext ctx) -> {
      throw new InternalError("always");
    }, String.class, String.class);
    rt.startWorker();
    String ok = rt.start("crashy", null, "x").executionArn();
    eventually(Duration.ofSeconds(5), () -> rt.stats().invocationsCrashed() == 1
        && rt.stats().invocationsRunning() == 0);
    assertThat(rt.stats().runsTracked()).isEqualTo(1); // the backoff entry
    assertThat(calls).hasValue(1); // no retry before the backoff's 1 s have passed on the clock
    eventually(Duration.ofSeconds(10), () -> {
      clock.advance(Duration.ofSeconds(1));
      return rt.status(ok).status().isTerminal();
    });
    assertThat(rt.await(ok, String.class, Duration.ofSeconds(1))).isEqualTo("survived");

    String bad = rt.start("doomed", null, "x").executionArn();
    eventually(Duration.ofSeconds(20), () -> {
      clock.advance(Duration.ofSeconds(5));
      return rt.status(bad).status().isTerminal();
    });
    assertThat(rt.status(bad).error().errorType()).isEqualTo("Runtime.CrashLoop");
    assertThat(rt.stats().invocationsCrashed()).isEqualTo(2 + 5);
    // the backoff entry is dropped by the invoker right after it failed the run: allow it that moment
    eventually(Duration.ofSeconds(5), () -> rt.stats().runsTracked() == 0);
  }

  @Test
  void badInputGetsAClearError() {
    rt.register("echo", (String s, DurableContext ctx) -> s, String.class, String.class);
    assertThatThrownBy(() -> rt.start("nope", null, "a"))
        .isInstanceOf(IllegalDurableOperationException.class)
        .hasMessageContaining("Unknown function 'nope'").hasMessageContaining("echo");
    assertThatThrownBy(() -> rt.start("echo", null, 42))
        .hasMessageContaining("takes java.lang.String but the input is a java.lang.Integer");
    assertThatThrownBy(() -> rt.startJson("echo", null, "{not json"))
        .hasMessageContaining("is not a valid java.lang.String");
    assertThatThrownBy(() -> rt.start("echo", "bad name!", "a"))
        .hasMessageContaining("Invalid execution name 'bad name!'");
    assertThatThrownBy(() -> rt.register("echo", (String s, DurableContext ctx) -> s, String.class, String.class))
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> rt.register("a/b", (String s, DurableContext ctx) -> s, String.class, String.class))
        .hasMessageContaining("Invalid function name 'a/b'");
    assertThatThrownBy(() -> rt.status("no-such-run")).isInstanceOf(ServiceException.class)
        .hasMessageContaining("no-such-run not found");
    assertThatThrownBy(() -> rt.await(" ", String.class, Duration.ofSeconds(1)))
        .hasMessageContaining("execution id must not be blank");
    assertThatThrownBy(() -> rt.completeCallback("nope", "1")).hasMessageContaining("not found");
    assertThatThrownBy(() -> LocalRuntime.builder().workerThreads(0))
        .hasMessageContaining("workerThreads must be 1..1024 (got 0)");
    assertThatThrownBy(() -> LocalRuntime.builder().pollInterval(Duration.ZERO))
        .hasMessageContaining("pollInterval must be a positive duration");
  }
}
