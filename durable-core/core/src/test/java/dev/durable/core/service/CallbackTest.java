package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import org.junit.jupiter.api.Test;

/** External callback completion, failure, heartbeats and timeouts (reference §2.7). */
class CallbackTest {
  private final ServiceHarness h = new ServiceHarness();
  private ServiceHarness.Invocation inv;

  /** Starts a callback in a suspended execution and returns its callback id. */
  private String suspendedCallback(int timeout, int heartbeat) {
    inv = h.startAndBegin();
    var r = inv.checkpoint(named(callbackStart("cb", timeout, heartbeat), "approval"));
    inv.end(InvocationOutput.pending());
    return r.operations().get(0).callbackDetails().callbackId();
  }

  @Test
  void successCompletesTheCallbackAndWakesTheExecution() {
    String id = suspendedCallback(0, 0);
    assertThat(h.service.executionsAwaitingInvocation()).isEmpty();
    h.service.completeCallback(id, "{\"ok\":true}");

    Operation op = h.op(inv.arn, "cb");
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.callbackDetails().result()).isEqualTo("{\"ok\":true}");
    assertThat(op.endTimestamp()).isEqualTo(h.clock.instant());
    assertThat(h.eventTypes(inv.arn)).endsWith("CallbackSucceeded");
    assertThat(h.service.history(inv.arn).get(3).payload()).isEqualTo("{\"ok\":true}");
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(inv.arn);
    assertThat(h.service.operationByCallbackId(id)).contains(op);
  }

  @Test
  void failureFailsTheCallback() {
    String id = suspendedCallback(0, 0);
    h.service.failCallback(id, ErrorObject.of("Rejected", "no"));
    Operation op = h.op(inv.arn, "cb");
    assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(op.callbackDetails().error().errorType()).isEqualTo("Rejected");
    assertThat(h.eventTypes(inv.arn)).endsWith("CallbackFailed");
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(inv.arn);
  }

  @Test
  void timeoutTimesOutAndLaterCompletionsAreRefused() {
    String id = suspendedCallback(30, 0);
    h.clock.advanceSeconds(30);
    assertThat(h.service.fireDueTimers()).containsExactly(inv.arn);
    Operation op = h.op(inv.arn, "cb");
    assertThat(op.status()).isEqualTo(OperationStatus.TIMED_OUT);
    assertThat(op.callbackDetails().error().errorType()).isEqualTo("Callback.Timeout");
    assertThat(op.callbackDetails().error().errorMessage())
        .isEqualTo("Callback 'approval' (cb) timed out: no result within its timeout of 30"
            + " seconds.");
    assertThatThrownBy(() -> h.service.completeCallback(id, "1"))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ServiceException.CALLBACK_TIMEOUT))
        .hasMessage("Callback " + id + " already timed out.");
  }

  @Test
  void aCallbackPastItsTimeoutIsRefusedEvenBeforeTheTimerLoopRuns() {
    String id = suspendedCallback(30, 0);
    h.clock.advanceSeconds(31);
    assertThatThrownBy(() -> h.service.completeCallback(id, "1"))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ServiceException.CALLBACK_TIMEOUT));
    assertThat(h.op(inv.arn, "cb").status()).isEqualTo(OperationStatus.TIMED_OUT);
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(inv.arn);
  }

  @Test
  void missingHeartbeatTimesOutWithHeartbeatError() {
    suspendedCallback(0, 5);
    h.clock.advanceSeconds(5);
    h.service.fireDueTimers();
    Operation op = h.op(inv.arn, "cb");
    assertThat(op.status()).isEqualTo(OperationStatus.TIMED_OUT);
    assertThat(op.callbackDetails().error().errorType()).isEqualTo("Callback.Heartbeat");
    assertThat(op.callbackDetails().error().errorMessage()).contains("heartbeat timeout of 5");
  }

  @Test
  void heartbeatsExtendTheDeadlineWithoutHistoryEvents() {
    String id = suspendedCallback(0, 5);
    int events = h.service.history(inv.arn).size();
    h.clock.advanceSeconds(4);
    h.service.heartbeatCallback(id);
    h.clock.advanceSeconds(4); // 8 s after start, 4 s after the heartbeat
    assertThat(h.service.fireDueTimers()).isEmpty();
    assertThat(h.op(inv.arn, "cb").status()).isEqualTo(OperationStatus.STARTED);
    assertThat(h.service.history(inv.arn)).hasSize(events);
    assertThat(h.service.nextTimer()).contains(h.clock.instant().plusSeconds(1));
    h.clock.advanceSeconds(1);
    h.service.fireDueTimers();
    assertThat(h.op(inv.arn, "cb").status()).isEqualTo(OperationStatus.TIMED_OUT);
  }

  @Test
  void aSecondCompletionIsRefusedAndChangesNothing() {
    String id = suspendedCallback(0, 0);
    h.service.completeCallback(id, "first");
    int events = h.service.history(inv.arn).size();
    assertThatThrownBy(() -> h.service.completeCallback(id, "second"))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ServiceException.INVALID_PARAMETER))
        .hasMessage("Callback " + id + " already completed (SUCCEEDED).");
    assertThatThrownBy(() -> h.service.failCallback(id, ErrorObject.of("X", "y")))
        .hasMessageContaining("already completed");
    assertThat(h.op(inv.arn, "cb").callbackDetails().result()).isEqualTo("first");
    assertThat(h.service.history(inv.arn)).hasSize(events);
  }

  @Test
  void unknownCallbackIdIsNotFound() {
    assertThatThrownBy(() -> h.service.completeCallback("bm9wZQ==", "1"))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.code()).isEqualTo(ServiceException.NOT_FOUND);
          assertThat(e.httpStatus()).isEqualTo(404);
        });
    assertThatThrownBy(() -> h.service.heartbeatCallback("bm9wZQ=="))
        .hasMessage("Callback bm9wZQ== not found.");
  }

  @Test
  void completionWhileTheHandlerRunsReachesItThroughItsNextPoll() {
    inv = h.startAndBegin();
    String id = inv.checkpoint(callbackStart("cb", 0, 0)).operations().get(0)
        .callbackDetails().callbackId();
    h.service.completeCallback(id, "1");
    assertThat(h.service.executionsAwaitingInvocation()).isEmpty();
    assertThat(inv.checkpoint().operations()).extracting(Operation::status)
        .containsExactly(OperationStatus.SUCCEEDED);
  }

  @Test
  void callbackIdsAreUniquePerOperationAndExecution() {
    inv = h.startAndBegin();
    var r = inv.checkpoint(callbackStart("a", 0, 0), callbackStart("b", 0, 0));
    var other = h.startAndBegin();
    var r2 = other.checkpoint(callbackStart("a", 0, 0));
    assertThat(java.util.List.of(r.operations().get(0), r.operations().get(1),
        r2.operations().get(0))).extracting(o -> o.callbackDetails().callbackId())
        .doesNotHaveDuplicates();
  }
}
