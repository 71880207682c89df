package dev.durable.core.service;

import static dev.durable.core.service.Updates.error;
import static dev.durable.core.service.Updates.stepRetry;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A step RETRY schedules the next attempt: PENDING until due, then READY (reference §1.4). */
class StepRetryTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void retryIsPendingUntilItsDelayThenReady() {
    Instant t0 = h.clock.instant();
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s"), stepRetry("s", error("boom"), 10));
    inv.end(InvocationOutput.pending());

    Operation pending = h.op(inv.arn, "s");
    assertThat(pending.status()).isEqualTo(OperationStatus.PENDING);
    assertThat(pending.stepDetails().attempt()).isEqualTo(1);
    assertThat(pending.stepDetails().nextAttemptTimestamp()).isEqualTo(t0.plusSeconds(10));
    assertThat(pending.stepDetails().error().errorMessage()).isEqualTo("boom");
    assertThat(h.service.nextTimer()).contains(t0.plusSeconds(10));
    assertThat(h.service.executionsAwaitingInvocation()).isEmpty();

    h.clock.advanceSeconds(9);
    assertThat(h.service.fireDueTimers()).isEmpty();
    assertThat(h.op(inv.arn, "s").status()).isEqualTo(OperationStatus.PENDING);

    h.clock.advanceSeconds(1);
    int events = h.service.history(inv.arn).size();
    assertThat(h.service.fireDueTimers()).containsExactly(inv.arn);
    Operation ready = h.op(inv.arn, "s");
    assertThat(ready.status()).isEqualTo(OperationStatus.READY);
    assertThat(ready.stepDetails().nextAttemptTimestamp()).isNull();
    assertThat(ready.stepDetails().attempt()).isEqualTo(1);
    assertThat(h.service.history(inv.arn)).hasSize(events);
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(inv.arn);
    assertThat(h.service.nextTimer()).contains(h.service.describe(inv.arn).timeoutAt());
  }

  @Test
  void attemptsAccumulateOverRetries() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s"), stepRetry("s", error("1"), 1));
    inv.end(InvocationOutput.pending());
    h.clock.advanceSeconds(1);
    h.service.fireDueTimers();
    var second = h.begin(inv.arn);
    assertThat(second.input.updatedOperationIds()).containsExactly("s");
    second.checkpoint(stepStart("s"));
    assertThat(h.op(inv.arn, "s").stepDetails().attempt()).isEqualTo(1);
    second.checkpoint(stepRetry("s", error("2"), 2));
    assertThat(h.op(inv.arn, "s").stepDetails().attempt()).isEqualTo(2);
    assertThat(h.op(inv.arn, "s").stepDetails().nextAttemptTimestamp())
        .isEqualTo(h.clock.instant().plusSeconds(2));
  }

  @Test
  void aRetryDueDuringAnInvocationIsPolledNotInvoked() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s"), stepRetry("s", error("e"), 3));
    h.clock.advanceSeconds(3);
    assertThat(h.service.fireDueTimers()).isEmpty(); // the handler is still running
    assertThat(h.service.executionsAwaitingInvocation()).isEmpty();
    assertThat(inv.checkpoint().operations()).extracting(Operation::id, Operation::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s", OperationStatus.READY));
  }

  @Test
  void aRetryDueUnseenWhenTheHandlerSuspendsTriggersAnotherInvocation() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s"), stepRetry("s", error("e"), 3), waitStart("w", 100));
    h.clock.advanceSeconds(3);
    h.service.fireDueTimers();
    inv.end(InvocationOutput.pending());
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(inv.arn);
  }
}
