package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.first;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.CallbackFailedException;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.DurableCallback;
import dev.durable.core.DurableFunction;
import dev.durable.core.DurableOperationException;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** createCallback: completion, failure, timeouts and heartbeats (conformance suite 4, reference §2.7). */
@Timeout(10)
class ConformanceCallbackTest {

  record Approval(String by, boolean ok) {}

  /** Waits for callback "approval" and reports how it ended. */
  private static DurableFunction<String, String> awaitingApproval(CallbackOptions options, List<String> ids) {
    return (in, ctx) -> {
      DurableCallback<Approval> cb = ctx.createCallback("approval", Approval.class, options);
      ids.add(cb.id());
      try {
        Approval a = cb.get();
        return "approved by " + a.by() + " ok=" + a.ok();
      } catch (CallbackTimeoutException e) {
        return "timed out: " + e.errorType();
      } catch (CallbackFailedException e) {
        return "failed: " + e.errorType() + " / " + e.error().errorMessage();
      }
    };
  }

  @Test
  void aCompletedCallbackDeliversItsResult() {
    List<String> ids = new CopyOnWriteArrayList<>();
    DurableTestRunner<String, String> runner = DurableTestRunner.create(
        awaitingApproval(CallbackOptions.defaults(), ids), String.class, String.class);

    TestResult<String> waiting = assertRunning(runner.run("x"));
    TestOperation cb = waiting.operation("approval");
    assertThat(cb.type()).isEqualTo(OperationType.CALLBACK);
    assertThat(cb.subType()).isEqualTo("Callback");
    assertThat(cb.status()).isEqualTo(OperationStatus.STARTED);
    String callbackId = runner.callbackId("approval");
    assertThat(callbackId).isNotBlank().isEqualTo(cb.operation().callbackDetails().callbackId());
    assertThat(ids).containsOnly(callbackId);
    HistoryEvent started = first(waiting, "CallbackStarted");
    assertThat(started.callbackId()).isEqualTo(callbackId);
    assertThat(started.timeoutSeconds()).isNull();
    assertThat(started.heartbeatTimeoutSeconds()).isNull();

    runner.completeCallback(callbackId, new Approval("ana", true));
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("approved by ana ok=true");
    assertThat(types(r)).containsExactly("CallbackStarted", "InvocationCompleted", "CallbackSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
    assertThat(first(r, "CallbackSucceeded").payload()).contains("\"by\":\"ana\"");
    assertThat(ids).hasSize(2).containsOnly(callbackId);
  }

  /**
   * The runner's contract: runUntilComplete (and resume) return RUNNING while the run waits for a
   * callback that only the test can complete, instead of skipping time to the execution timeout.
   */
  @Test
  void runUntilCompleteStopsAtAnOutstandingCallback() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.createCallback("approval", String.class,
        CallbackOptions.defaults()).get();
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    TestResult<String> waiting = assertRunning(runner.runUntilComplete("x"));
    assertThat(waiting.operation("approval").status()).isEqualTo(OperationStatus.STARTED);
    assertThat(Histories.elapsedSeconds(waiting)).isZero();
    assertRunning(runner.resume());
    runner.completeCallback("approval", "done");
    assertThat(assertSucceeded(runner.resume()).result()).isEqualTo("done");
  }

  @Test
  void aFailedCallbackRaisesCallbackFailedExceptionWithTheReportedError() {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(
        awaitingApproval(CallbackOptions.defaults(), new CopyOnWriteArrayList<>()), String.class, String.class);
    assertRunning(runner.run("x"));
    runner.failCallback("approval", ErrorObject.of("RejectedError", "not approved"));
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("failed: RejectedError / not approved");
    assertThat(types(r)).containsExactly("CallbackStarted", "InvocationCompleted", "CallbackFailed",
        "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void anUncaughtCallbackFailureFailsTheExecution() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.createCallback("approval", String.class,
        CallbackOptions.defaults()).get();
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    assertRunning(runner.run("x"));
    runner.failCallback("approval", ErrorObject.of("RejectedError", "not approved"));
    TestResult<String> r = assertFailed(runner.resume());
    // the execution's error carries the external system's message as is (conformance 4.6)
    assertThat(r.error().errorMessage()).isEqualTo("not approved");
    assertThat(types(r)).endsWith("CallbackFailed", "InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void aCallbackNotCompletedWithinItsTimeoutTimesOut() {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(
        awaitingApproval(CallbackOptions.timeout(Duration.ofSeconds(5)), new CopyOnWriteArrayList<>()),
        String.class, String.class);
    TestResult<String> waiting = assertRunning(runner.run("x"));
    assertThat(first(waiting, "CallbackStarted").timeoutSeconds()).isEqualTo(5);

    runner.advanceTime(Duration.ofSeconds(4));
    assertThat(runner.result().operation("approval").status()).isEqualTo(OperationStatus.STARTED);
    runner.advanceTime(Duration.ofSeconds(2));
    assertThat(runner.result().operation("approval").status()).isEqualTo(OperationStatus.TIMED_OUT);

    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("timed out: Callback.Timeout");
    assertThat(types(r)).containsExactly("CallbackStarted", "InvocationCompleted", "CallbackTimedOut",
        "InvocationCompleted", "ExecutionSucceeded");
    assertThatThrownBy(() -> runner.completeCallback("approval", new Approval("late", true)))
        .isInstanceOf(ServiceException.class)
        .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ServiceException.CALLBACK_TIMEOUT));
  }

  @Test
  void runUntilCompleteLetsAnUnansweredCallbackTimeOutAndTheHandlerSeesCallbackTimeoutException() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.createCallback("approval", String.class,
        CallbackOptions.timeout(Duration.ofSeconds(5))).get();
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(CallbackTimeoutException.class.getName());
    assertThat(r.error().errorMessage()).contains("approval");
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(5);
  }

  @Test
  void heartbeatsKeepACallbackAlivePastItsHeartbeatTimeout() {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(awaitingApproval(
        CallbackOptions.timeout(Duration.ofMinutes(5)).withHeartbeatTimeout(Duration.ofSeconds(10)),
        new CopyOnWriteArrayList<>()), String.class, String.class);
    TestResult<String> waiting = assertRunning(runner.run("x"));
    assertThat(first(waiting, "CallbackStarted").heartbeatTimeoutSeconds()).isEqualTo(10);
    for (int i = 0; i < 3; i++) {
      runner.advanceTime(Duration.ofSeconds(8));
      runner.heartbeat("approval");
    }
    runner.advanceTime(Duration.ofSeconds(8));
    assertThat(runner.result().operation("approval").status()).as("32 s after start, 8 s after a heartbeat")
        .isEqualTo(OperationStatus.STARTED);
    runner.completeCallback("approval", new Approval("bo", true));
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("approved by bo ok=true");
    assertThat(Histories.events(r, "CallbackTimedOut")).isEmpty();
  }

  @Test
  void aMissedHeartbeatTimesTheCallbackOut() {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(awaitingApproval(
        CallbackOptions.timeout(Duration.ofMinutes(5)).withHeartbeatTimeout(Duration.ofSeconds(10)),
        new CopyOnWriteArrayList<>()), String.class, String.class);
    assertRunning(runner.run("x"));
    runner.advanceTime(Duration.ofSeconds(8)).heartbeat("approval");
    runner.advanceTime(Duration.ofSeconds(11));
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("timed out: Callback.Heartbeat");
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(19);
  }

  @Test
  void aCallbackCannotBeCompletedTwice() {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(
        awaitingApproval(CallbackOptions.defaults(), new CopyOnWriteArrayList<>()), String.class, String.class);
    assertRunning(runner.run("x"));
    runner.completeCallback("approval", new Approval("first", true));
    assertThatThrownBy(() -> runner.completeCallback("approval", new Approval("second", false)))
        .isInstanceOf(ServiceException.class).hasMessageContaining("already completed");
    assertThatThrownBy(() -> runner.failCallback("approval", ErrorObject.of("Late", "too late")))
        .isInstanceOf(ServiceException.class);
    assertThat(assertSucceeded(runner.resume()).result()).isEqualTo("approved by first ok=true");
  }

  @Test
  void anUnknownCallbackIdIsRefused() {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(
        awaitingApproval(CallbackOptions.defaults(), new CopyOnWriteArrayList<>()), String.class, String.class);
    assertRunning(runner.run("x"));
    String bogus = runner.callbackId("approval") + "AAAA";
    assertThatThrownBy(() -> runner.service().completeCallback(bogus, "\"x\""))
        .isInstanceOf(ServiceException.class)
        .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ServiceException.NOT_FOUND));
  }

  /** A callback completed while the handler sleeps on a wait is read after the wait (4.9, 4.11). */
  @Test
  void aCallbackResolvedDuringAWaitIsSeenAfterTheWait() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableCallback<String> cb = ctx.createCallback("cb", String.class,
          CallbackOptions.timeout(Duration.ofSeconds(3)));
      ctx.wait("nap", Duration.ofSeconds(6));
      try {
        return cb.get();
      } catch (DurableOperationException e) {
        return e.getClass().getSimpleName();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("CallbackTimeoutException");
    assertThat(types(r)).containsExactly("CallbackStarted", "WaitStarted", "InvocationCompleted",
        "CallbackTimedOut", "InvocationCompleted", "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  /** Two callbacks awaited in the opposite order of their completion (4.19). */
  @Test
  void twoCallbacksCanBeAwaitedInAnyOrder() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableCallback<String> a = ctx.createCallback("a", String.class, CallbackOptions.defaults());
      DurableCallback<String> b = ctx.createCallback("b", String.class, CallbackOptions.defaults());
      String second = b.get();
      return a.get() + "+" + second;
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    assertRunning(runner.run("x"));
    assertThat(runner.callbackId("a")).isNotEqualTo(runner.callbackId("b"));
    runner.completeCallback("a", "A");
    assertRunning(runner.resume());
    runner.completeCallback("b", "B");
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("A+B");
    assertThat(types(r)).containsExactly("CallbackStarted", "CallbackStarted", "InvocationCompleted",
        "CallbackSucceeded", "InvocationCompleted", "CallbackSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }
}
