package dev.durable.core.service;

import static dev.durable.core.service.Updates.invokeCancel;
import static dev.durable.core.service.Updates.invokeStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chained invokes: the target's end completes the caller's CHAINED_INVOKE operation. */
class ChainedInvokeTest {
  private final ServiceHarness h = new ServiceHarness();
  private ServiceHarness.Invocation parent;

  private PendingInvoke suspendedInvoke() {
    parent = h.startAndBegin();
    parent.checkpoint(invokeStart("i", "target", "\"x\""));
    parent.end(InvocationOutput.pending());
    List<PendingInvoke> pending = h.service.pendingInvokes();
    assertThat(pending).containsExactly(new PendingInvoke(parent.arn, "i", "target", "\"x\""));
    return pending.get(0);
  }

  private String startTarget(PendingInvoke p) {
    return h.service.startExecution(p.functionName(), null, p.payload(), null, p.executionArn(),
        p.operationId()).executionArn();
  }

  @Test
  void targetSuccessCompletesTheOperationAndWakesTheCaller() {
    String child = startTarget(suspendedInvoke());
    assertThat(h.service.pendingInvokes()).isEmpty();
    ExecutionRecord c = h.service.describe(child);
    assertThat(c.parentExecutionId()).isEqualTo("exec1");
    assertThat(c.parentOperationId()).isEqualTo("i");
    assertThat(c.inputPayload()).isEqualTo("\"x\"");
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(child);

    h.begin(child).end(InvocationOutput.succeeded("\"echo\""));

    Operation op = h.op(parent.arn, "i");
    assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(op.chainedInvokeDetails().result()).isEqualTo("\"echo\"");
    assertThat(h.eventTypes(parent.arn)).containsExactly("ExecutionStarted",
        "ChainedInvokeStarted", "InvocationCompleted", "ChainedInvokeSucceeded");
    HistoryEvent started = h.service.history(parent.arn).get(1);
    assertThat(started.functionName()).isEqualTo("target");
    assertThat(started.payload()).isEqualTo("\"x\"");
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(parent.arn);
  }

  /** The service names the target in ChainedInvokeStarted, before the target is started. */
  @Test
  void chainedInvokeStartedNamesTheTargetExecutionItWillStart() {
    parent = h.startAndBegin();
    parent.checkpoint(invokeStart("i", "target:live", "\"x\""));
    HistoryEvent started = h.service.history(parent.arn).get(1);
    assertThat(started.executedVersion()).isEqualTo("$LATEST");
    assertThat(started.durableExecutionArn()).contains(":function:target:$LATEST/durable-execution/");
    parent.end(InvocationOutput.pending());

    String child = h.service.startExecution("target", null, "\"x\"", null, parent.arn, "i")
        .executionArn();
    assertThat(child).isEqualTo(started.durableExecutionArn());
  }

  @Test
  void targetFailureTimeoutAndStopMapToTheOperation() {
    PendingInvoke p = suspendedInvoke();
    String child = startTarget(p);
    h.begin(child).end(InvocationOutput.failed(ErrorObject.of("Boom", "target failed")));
    Operation failed = h.op(parent.arn, "i");
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.chainedInvokeDetails().error().errorType()).isEqualTo("Boom");
    assertThat(h.eventTypes(parent.arn)).endsWith("ChainedInvokeFailed");

    var second = h.begin(parent.arn);
    second.checkpoint(invokeStart("j", "target", "1"), invokeStart("k", "target", "2"));
    String slow = h.service.startExecution("target", null, "1", Duration.ofSeconds(10),
        parent.arn, "j").executionArn();
    String stopped = h.service.startExecution("target", null, "2", null, parent.arn, "k")
        .executionArn();
    h.service.stopExecution(stopped, null);
    h.clock.advanceSeconds(10);
    h.service.fireDueTimers();
    assertThat(h.op(parent.arn, "j").status()).isEqualTo(OperationStatus.TIMED_OUT);
    assertThat(h.op(parent.arn, "k").status()).isEqualTo(OperationStatus.STOPPED);
    assertThat(h.eventTypes(parent.arn))
        .endsWith("ChainedInvokeStopped", "ChainedInvokeTimedOut");
    assertThat(h.service.describe(slow).status()).isEqualTo(ExecutionStatus.TIMED_OUT);
  }

  @Test
  void startingTheSameTargetTwiceFindsTheFirst() {
    PendingInvoke p = suspendedInvoke();
    StartResult first = h.service.startExecution("target", null, "\"x\"", null, parent.arn, "i");
    StartResult again = h.service.startExecution("target", null, "\"x\"", null, parent.arn, "i");
    assertThat(again.created()).isFalse();
    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(p.operationId()).isEqualTo("i");
  }

  @Test
  void testKitsCompleteOrFailInvokesByHand() {
    suspendedInvoke();
    h.service.completeChainedInvoke(parent.arn, "i", "\"r\"");
    assertThat(h.op(parent.arn, "i").chainedInvokeDetails().result()).isEqualTo("\"r\"");
    assertThat(h.service.pendingInvokes()).isEmpty();
    assertThatThrownBy(() -> h.service.completeChainedInvoke(parent.arn, "i", "again"))
        .hasMessageContaining("already closed (SUCCEEDED)");

    var second = h.begin(parent.arn);
    second.checkpoint(invokeStart("j", "target", "1"));
    h.service.failChainedInvoke(parent.arn, "j", ErrorObject.of("NoTarget", "none"));
    assertThat(h.op(parent.arn, "j").status()).isEqualTo(OperationStatus.FAILED);
    assertThatThrownBy(() -> h.service.completeChainedInvoke(parent.arn, "nope", "1"))
        .hasMessageContaining("has no CHAINED_INVOKE operation 'nope'");
  }

  @Test
  void cancellingAnInvokeStopsItsTarget() {
    String child = startTarget(suspendedInvoke());
    var second = h.begin(parent.arn);
    second.checkpoint(invokeCancel("i"));
    assertThat(h.op(parent.arn, "i").status()).isEqualTo(OperationStatus.STOPPED);
    assertThat(h.service.describe(child).status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(h.eventTypes(parent.arn)).endsWith("ChainedInvokeStopped");
  }

  @Test
  void linkingAnAlreadyClosedTargetCompletesTheOperation() {
    suspendedInvoke();
    String other = h.service.startExecution("target", "standalone", "1", null).executionArn();
    h.begin(other).end(InvocationOutput.succeeded("\"done\""));
    assertThat(h.service.linkChildExecution(parent.arn, "i", other)).isEqualTo("exec2");
    assertThat(h.op(parent.arn, "i").chainedInvokeDetails().result()).isEqualTo("\"done\"");
  }

  @Test
  void pendingInvokesSurviveARestartOfTheService() {
    suspendedInvoke();
    DurableExecutionService restarted = new DurableExecutionService(h.store, h.clock);
    assertThat(restarted.pendingInvokes())
        .containsExactly(new PendingInvoke(parent.arn, "i", "target", "\"x\""));
  }
}
