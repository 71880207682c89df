package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.waitCancel;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waits end at their scheduled time; executions end at their timeout. */
class WaitTimerTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void waitSucceedsAtItsScheduledEnd() {
    Instant t0 = h.clock.instant();
    var inv = h.startAndBegin();
    inv.checkpoint(waitStart("w", 60));
    inv.end(InvocationOutput.pending());
    Operation started = h.op(inv.arn, "w");
    assertThat(started.status()).isEqualTo(OperationStatus.STARTED);
    assertThat(started.waitDetails().scheduledEndTimestamp()).isEqualTo(t0.plusSeconds(60));
    assertThat(h.service.nextTimer()).contains(t0.plusSeconds(60));

    h.clock.advanceSeconds(59);
    assertThat(h.service.fireDueTimers()).isEmpty();
    h.clock.advanceSeconds(1);
    assertThat(h.service.fireDueTimers()).containsExactly(inv.arn);
    Operation done = h.op(inv.arn, "w");
    assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(done.endTimestamp()).isEqualTo(t0.plusSeconds(60));
    assertThat(h.service.fireDueTimers()).isEmpty();
  }

  @Test
  void cancelledWaitNeverFires() {
    var inv = h.startAndBegin();
    inv.checkpoint(waitStart("w", 10));
    inv.checkpoint(waitCancel("w"));
    inv.checkpoint(stepStart("s"));
    inv.end(InvocationOutput.pending());
    assertThat(h.op(inv.arn, "w").status()).isEqualTo(OperationStatus.CANCELLED);
    h.clock.advanceSeconds(10);
    assertThat(h.service.fireDueTimers()).isEmpty();
    assertThat(h.eventTypes(inv.arn)).contains("WaitCancelled").doesNotContain("WaitSucceeded");
  }

  @Test
  void timersFireInDeadlineOrderEvenWhenLate() {
    var inv = h.startAndBegin();
    inv.checkpoint(waitStart("late", 20), waitStart("early", 5));
    inv.end(InvocationOutput.pending());
    h.clock.advanceSeconds(30);
    h.service.fireDueTimers();
    List<HistoryEvent> events = h.service.history(inv.arn);
    assertThat(events.subList(4, 6)).extracting(HistoryEvent::id)
        .containsExactly("early", "late");
  }

  @Test
  void waitEndingDuringAnInvocationIsDeliveredByTheNextPoll() {
    var inv = h.startAndBegin();
    inv.checkpoint(waitStart("w", 1), callbackStart("cb", 0, 0));
    h.clock.advanceSeconds(1);
    assertThat(h.service.fireDueTimers()).isEmpty();
    assertThat(inv.checkpoint().operations()).extracting(Operation::id).containsExactly("w");
    inv.end(InvocationOutput.pending());
    assertThat(h.service.executionsAwaitingInvocation()).isEmpty();
  }

  @Test
  void executionTimesOutAndRefusesFurtherCheckpoints() {
    String arn = h.service.startExecution("fn", "short", "1", Duration.ofSeconds(60))
        .executionArn();
    var inv = h.begin(arn);
    inv.checkpoint(waitStart("w", 3600));
    inv.end(InvocationOutput.pending());
    assertThat(h.service.nextTimer()).contains(h.clock.instant().plusSeconds(60));

    h.clock.advanceSeconds(60);
    assertThat(h.service.fireDueTimers()).isEmpty(); // closed: nothing to invoke
    ExecutionRecord record = h.service.describe(arn);
    assertThat(record.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(record.error().errorType()).isEqualTo("Execution.Timeout");
    assertThat(record.endTimestamp()).isEqualTo(h.clock.instant());
    assertThat(h.eventTypes(arn)).endsWith("ExecutionTimedOut");
    assertThat(h.op(arn, "w").status()).isEqualTo(OperationStatus.STARTED);
    assertThat(h.service.nextTimer()).isEmpty();
    assertThatThrownBy(() -> h.service.beginInvocation(arn))
        .hasMessageContaining("is closed (TIMED_OUT)");
  }

  @Test
  void timeoutDuringAnInvocationRefusesItsNextCheckpoint() {
    String arn = h.service.startExecution("fn", null, "1", Duration.ofSeconds(5)).executionArn();
    var inv = h.begin(arn);
    h.clock.advanceSeconds(5);
    assertThatThrownBy(() -> inv.checkpoint(stepStart("s")))
        .hasMessage("Execution " + arn + " is closed (TIMED_OUT); it accepts no more"
            + " checkpoints.");
    inv.end(InvocationOutput.succeeded("late"));
    assertThat(h.eventTypes(arn)).endsWith("ExecutionTimedOut", "InvocationCompleted");
    assertThat(h.service.describe(arn).status()).isEqualTo(ExecutionStatus.TIMED_OUT);
  }
}
