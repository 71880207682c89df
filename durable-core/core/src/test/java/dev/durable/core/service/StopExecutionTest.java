package dev.durable.core.service;

import static dev.durable.core.service.Updates.stepStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.OperationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** StopDurableExecution (reference §2.8). */
class StopExecutionTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void stopClosesTheExecutionAndLeavesOperationsAsTheyAre() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s"));
    h.clock.advanceSeconds(7);
    Instant stoppedAt = h.service.stopExecution(inv.arn, ErrorObject.of("Operator", "enough"));

    assertThat(stoppedAt).isEqualTo(h.clock.instant());
    ExecutionRecord e = h.service.describe(inv.arn);
    assertThat(e.status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(e.endTimestamp()).isEqualTo(stoppedAt);
    assertThat(e.error().errorType()).isEqualTo("Operator");
    assertThat(h.op(inv.arn, "s").status()).isEqualTo(OperationStatus.STARTED);
    assertThat(h.op(inv.arn, inv.input.operations().get(0).id()).status())
        .isEqualTo(OperationStatus.STOPPED);
    assertThat(h.service.executionsAwaitingInvocation()).isEmpty();
    assertThat(h.service.nextTimer()).isEmpty();
  }

  @Test
  void theRunningInvocationIsRefusedAtItsNextCheckpointAndItsEndIsRecorded() {
    var inv = h.startAndBegin();
    h.service.stopExecution(inv.arn, null);
    assertThatThrownBy(() -> inv.checkpoint(stepStart("s")))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.isRetryable()).isFalse())
        .hasMessage("Execution " + inv.arn + " is stopped; it accepts no more checkpoints.");
    inv.end(InvocationOutput.failed(ErrorObject.of("X", "refused")));
    assertThat(h.eventTypes(inv.arn))
        .containsExactly("ExecutionStarted", "ExecutionStopped", "InvocationCompleted");
    assertThat(h.service.describe(inv.arn).status()).isEqualTo(ExecutionStatus.STOPPED);
  }

  @Test
  void stoppingAClosedExecutionIsRefused() {
    var inv = h.startAndBegin();
    inv.end(InvocationOutput.succeeded("1"));
    assertThatThrownBy(() -> h.service.stopExecution(inv.arn, null))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ServiceException.INVALID_PARAMETER))
        .hasMessageContaining("already closed (SUCCEEDED)");
    String suspended = h.start();
    h.service.stopExecution(suspended, null);
    assertThatThrownBy(() -> h.service.stopExecution(suspended, null))
        .hasMessageContaining("already closed (STOPPED)");
    assertThatThrownBy(() -> h.service.beginInvocation(suspended))
        .hasMessageContaining("cannot be invoked");
  }
}
