package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.executionSucceed;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an invocation's output ends it (reference §1.9, §2.2). */
class EndInvocationTest {
  private final ServiceHarness h = new ServiceHarness();
  private final ServiceHarness.Invocation inv = h.startAndBegin();

  @Test
  void succeededClosesTheExecutionWithTheResult() {
    inv.end(InvocationOutput.succeeded("\"r\""));
    ExecutionRecord e = h.service.describe(inv.arn);
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.result()).isEqualTo("\"r\"");
    assertThat(e.invocationActive()).isFalse();
    assertThat(h.op(inv.arn, "exec1").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(h.service.nextTimer()).isEmpty();
  }

  @Test
  void aLargeResultComesFromTheExecutionCheckpoint() {
    var r = inv.checkpoint(stepStart("s"), stepSucceed("s", "1"),
        executionSucceed("exec1", "\"huge\""));
    assertThat(r.checkpointToken()).isNull();
    assertThatThrownBy(() -> h.service.checkpoint(inv.arn, inv.firstToken, List.of()))
        .hasMessageContaining("already checkpointed its outcome");
    assertThat(h.service.describe(inv.arn).status()).isEqualTo(ExecutionStatus.RUNNING);

    inv.end(InvocationOutput.succeeded(""));
    assertThat(h.service.describe(inv.arn).result()).isEqualTo("\"huge\"");
    assertThat(h.eventTypes(inv.arn)).endsWith("InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void aLargeErrorComesFromTheExecutionCheckpoint() {
    inv.checkpoint(Updates.of("exec1", OperationType.EXECUTION, null, OperationAction.FAIL, null,
        ErrorObject.of("Big", "details"), null));
    inv.end(InvocationOutput.failed(null));
    ExecutionRecord e = h.service.describe(inv.arn);
    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error().errorType()).isEqualTo("Big");
  }

  @Test
  void failedClosesTheExecutionWithTheError() {
    inv.end(InvocationOutput.failed(ErrorObject.of("Oops", "bad")));
    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events).extracting(HistoryEvent::eventType)
        .containsExactly("ExecutionStarted", "InvocationCompleted", "ExecutionFailed");
    assertThat(events.get(1).error()).isNull();
    assertThat(events.get(2).error().errorType()).isEqualTo("Oops");
  }

  @Test
  void pendingWithNothingPendingFailsTheExecution() {
    inv.checkpoint(stepStart("s"), stepSucceed("s", "1"));
    inv.end(InvocationOutput.pending());
    List<HistoryEvent> events = h.service.history(inv.arn);
    HistoryEvent completed = events.get(events.size() - 2);
    assertThat(completed.eventType()).isEqualTo("InvocationCompleted");
    assertThat(completed.error()).isEqualTo(ErrorObject.of("InvalidParameterValueException",
        "Cannot return PENDING status with no pending operations."));
    assertThat(events.get(events.size() - 1).eventType()).isEqualTo("ExecutionFailed");
    assertThat(h.service.describe(inv.arn).status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void pendingAfterTheOnlyCallbackCompletedDuringTheInvocationInvokesAgain() {
    inv.checkpoint(callbackStart("cb", 60, 0));
    String callbackId = h.op(inv.arn, "cb").callbackDetails().callbackId();
    h.service.completeCallback(callbackId, "\"ok\""); // before the handler suspends
    inv.end(InvocationOutput.pending());
    ExecutionRecord e = h.service.describe(inv.arn);
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(e.invocationRequested()).isTrue();
  }

  @Test
  void pendingWithSomethingPendingSuspends() {
    inv.checkpoint(waitStart("w", 10));
    inv.end(InvocationOutput.pending());
    ExecutionRecord e = h.service.describe(inv.arn);
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(e.invocationActive()).isFalse();
    assertThat(e.invocationRequested()).isFalse();
    assertThat(e.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(10));
    assertThatThrownBy(() -> inv.end(InvocationOutput.pending()))
        .hasMessage("No invocation of execution " + inv.arn + " is active.");
  }

  @Test
  void aCrashAfterTheExecutionCheckpointStillClosesTheExecution() {
    inv.checkpoint(executionSucceed("exec1", "\"r\""));
    h.service.invocationCrashed(inv.arn, ErrorObject.of("Runtime.ExitError", "exit"));
    assertThat(h.service.describe(inv.arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(h.service.describe(inv.arn).result()).isEqualTo("\"r\"");
    assertThatThrownBy(() -> h.service.invocationCrashed(inv.arn, null))
        .hasMessageContaining("is active");
  }
}
