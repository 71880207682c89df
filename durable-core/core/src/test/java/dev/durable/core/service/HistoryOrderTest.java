package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.child;
import static dev.durable.core.service.Updates.contextStart;
import static dev.durable.core.service.Updates.contextSucceed;
import static dev.durable.core.service.Updates.error;
import static dev.durable.core.service.Updates.named;
import static dev.durable.core.service.Updates.stepRetry;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history the service records matches the shapes of the conformance histories. */
class HistoryOrderTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void stepThenWaitGivesTheConformanceSequence() {
    Instant t0 = h.clock.instant();
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s1"), stepSucceed("s1", "\"one\""));
    inv.checkpoint(waitStart("w1", 2));
    inv.end(InvocationOutput.pending());
    h.clock.advanceSeconds(2);
    assertThat(h.service.fireDueTimers()).containsExactly(inv.arn);
    var second = h.begin(inv.arn);
    second.end(InvocationOutput.succeeded("\"done\""));

    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events).extracting(HistoryEvent::eventType).containsExactly(
        "ExecutionStarted", "StepStarted", "StepSucceeded", "WaitStarted", "InvocationCompleted",
        "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(events).extracting(HistoryEvent::eventId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

    HistoryEvent started = events.get(0);
    assertThat(started.payload()).isEqualTo("\"in\"");
    assertThat(started.timeoutSeconds()).isEqualTo(31_622_400);
    HistoryEvent stepSucceeded = events.get(2);
    assertThat(stepSucceeded.subType()).isEqualTo("Step");
    assertThat(stepSucceeded.id()).isEqualTo("s1");
    assertThat(stepSucceeded.payload()).isEqualTo("\"one\"");
    assertThat(stepSucceeded.attempt()).isEqualTo(1);
    HistoryEvent waitStarted = events.get(3);
    assertThat(waitStarted.durationSeconds()).isEqualTo(2);
    assertThat(waitStarted.scheduledEnd()).isEqualTo(t0.plusSeconds(2));
    assertThat(events.get(4).invocationStart()).isEqualTo(t0);
    assertThat(events.get(4).error()).isNull();
    assertThat(events.get(5).durationSeconds()).isEqualTo(2);
    assertThat(events.get(5).timestamp()).isEqualTo(t0.plusSeconds(2));
    assertThat(events.get(7).payload()).isEqualTo("\"done\"");
  }

  @Test
  void retryThenSuccessCountsAttemptsAndRecordsNoEventForReady() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s1"), stepRetry("s1", error("flaky"), 1));
    inv.end(InvocationOutput.pending());
    h.clock.advanceSeconds(1);
    h.service.fireDueTimers();
    var second = h.begin(inv.arn);
    second.checkpoint(stepStart("s1"), stepSucceed("s1", "\"ok\""));
    second.end(InvocationOutput.succeeded("\"ok\""));

    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events).extracting(HistoryEvent::eventType).containsExactly(
        "ExecutionStarted", "StepStarted", "StepFailed", "InvocationCompleted", "StepStarted",
        "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(events.get(2).attempt()).isEqualTo(1);
    assertThat(events.get(2).nextAttemptDelaySeconds()).isEqualTo(1);
    assertThat(events.get(2).error().errorMessage()).isEqualTo("flaky");
    assertThat(events.get(5).attempt()).isEqualTo(2);
  }

  @Test
  void waitForConditionRetryWithStateIsRecordedAsStepSucceeded() {
    var inv = h.startAndBegin();
    OperationUpdate poll = Updates.of("c1", OperationType.STEP, "WaitForCondition",
        OperationAction.RETRY, "1", null, OperationUpdate.Options.retryAfter(5));
    inv.checkpoint(Updates.of("c1", OperationType.STEP, "WaitForCondition", OperationAction.START,
        null, null, null), poll);

    HistoryEvent last = h.service.history(inv.arn).get(2);
    assertThat(last.eventType()).isEqualTo("StepSucceeded");
    assertThat(last.subType()).isEqualTo("WaitForCondition");
    assertThat(last.payload()).isEqualTo("1");
    assertThat(last.nextAttemptDelaySeconds()).isEqualTo(5);
    assertThat(h.op(inv.arn, "c1").stepDetails().result()).isEqualTo("1");
  }

  @Test
  void callbackTimeoutFailsTheNextInvocation() {
    var inv = h.startAndBegin();
    inv.checkpoint(named(callbackStart("cb", 5, 0), "approval"));
    inv.end(InvocationOutput.pending());
    h.clock.advanceSeconds(5);
    h.service.fireDueTimers();
    var second = h.begin(inv.arn);
    second.end(InvocationOutput.failed(ErrorObject.of("CallbackError", "timed out")));

    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events).extracting(HistoryEvent::eventType).containsExactly(
        "ExecutionStarted", "CallbackStarted", "InvocationCompleted", "CallbackTimedOut",
        "InvocationCompleted", "ExecutionFailed");
    assertThat(events.get(1).timeoutSeconds()).isEqualTo(5);
    assertThat(events.get(1).heartbeatTimeoutSeconds()).isNull();
    assertThat(events.get(1).callbackId()).isNotBlank();
    assertThat(events.get(3).name()).isEqualTo("approval");
    assertThat(events.get(3).error().errorType()).isEqualTo("Callback.Timeout");
    assertThat(events.get(5).error().errorType()).isEqualTo("CallbackError");
  }

  @Test
  void operationEventsCarrySubTypeIdNameAndParent() {
    var inv = h.startAndBegin();
    inv.checkpoint(named(contextStart("ctx"), "child"),
        child(named(stepStart("s1"), "inner"), "ctx"),
        child(named(stepSucceed("s1", "1"), "inner"), "ctx"),
        named(contextSucceed("ctx", "1"), "child"));

    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events).extracting(HistoryEvent::eventType).containsExactly(
        "ExecutionStarted", "ContextStarted", "StepStarted", "StepSucceeded", "ContextSucceeded");
    HistoryEvent inner = events.get(3);
    assertThat(inner.id()).isEqualTo("s1");
    assertThat(inner.name()).isEqualTo("inner");
    assertThat(inner.parentId()).isEqualTo("ctx");
    assertThat(inner.subType()).isEqualTo("Step");
    assertThat(events.get(4).payload()).isEqualTo("1");
    assertThat(events.get(4).subType()).isEqualTo("RunInChildContext");
  }

  @Test
  void crashedInvocationIsRecordedAndRetried() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s1"));
    h.clock.advance(Duration.ofMillis(300));
    h.service.invocationCrashed(inv.arn, ErrorObject.of("Runtime.ExitError", "exit 137"));

    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(inv.arn);
    var second = h.begin(inv.arn);
    second.checkpoint(stepRetry("s1", error("interrupted"), 1));

    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events).extracting(HistoryEvent::eventType).containsExactly(
        "ExecutionStarted", "StepStarted", "InvocationCompleted", "StepFailed");
    assertThat(events.get(2).error().errorType()).isEqualTo("Runtime.ExitError");
    assertThat(events.get(3).attempt()).isEqualTo(1);
  }
}
