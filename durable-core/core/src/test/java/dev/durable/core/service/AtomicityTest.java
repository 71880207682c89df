package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.error;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static dev.durable.core.service.Updates.waitCancel;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A batch is applied completely or not at all, and the store stays the truth. */
class AtomicityTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void aRejectedBatchChangesNothing() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("a"));
    List<Operation> opsBefore = h.service.operations(inv.arn);
    List<HistoryEvent> historyBefore = h.service.history(inv.arn);
    long versionBefore = h.store.load("exec1").orElseThrow().version();

    // valid updates first, the broken one (cancel of an unknown wait) last
    assertThatThrownBy(() -> inv.checkpoint(stepSucceed("a", "1"), waitStart("w", 5),
        callbackStart("cb", 0, 0), waitCancel("unknown")))
        .isInstanceOf(ServiceException.class);

    assertThat(h.service.operations(inv.arn)).isEqualTo(opsBefore);
    assertThat(h.service.history(inv.arn)).isEqualTo(historyBefore);
    assertThat(h.store.load("exec1").orElseThrow().version()).isEqualTo(versionBefore);
    assertThat(h.store.findByCallbackId(Ids.callbackId(inv.arn, "cb"))).isEmpty();
    // the token was not consumed
    assertThat(inv.checkpoint(stepSucceed("a", "1")).operations()).extracting(Operation::id)
        .containsExactly("a");
  }

  @Test
  void aFailedStoreWriteLeavesTheServiceConsistentWithTheStore() {
    AtomicBoolean fail = new AtomicBoolean();
    InMemoryExecutionStore inner = new InMemoryExecutionStore();
    ExecutionStore flaky = new ForwardingStore(inner) {
      @Override
      public void write(ExecutionWrite write) {
        if (fail.get()) {
          throw new IllegalStateException("disk full");
        }
        super.write(write);
      }
    };
    DurableExecutionService service = new DurableExecutionService(flaky, h.clock);
    String arn = service.startExecution("fn", null, "1", null).executionArn();
    String token = service.beginInvocation(arn).checkpointToken();
    fail.set(true);
    assertThatThrownBy(() -> service.checkpoint(arn, token, List.of(stepStart("s"))))
        .hasMessage("disk full");
    fail.set(false);
    assertThat(service.operations(arn)).hasSize(1);
    var r = service.checkpoint(arn, token, List.of(stepStart("s"), stepSucceed("s", "1")));
    assertThat(r.operations()).extracting(Operation::status)
        .containsExactly(OperationStatus.SUCCEEDED);
  }

  @Test
  void aWriteByAnotherServiceInstanceIsPickedUpByRetryingOnce() {
    var inv = h.startAndBegin();
    String callbackId = inv.checkpoint(callbackStart("cb", 0, 0)).operations().get(0)
        .callbackDetails().callbackId();
    // another process sharing the store (e.g. an admin CLI) completes the callback
    new DurableExecutionService(h.store, h.clock).completeCallback(callbackId, "\"ok\"");

    var r = inv.checkpoint(stepStart("s"), stepSucceed("s", "1"));
    assertThat(r.operations()).extracting(Operation::id).containsExactly("cb", "s");
    assertThat(h.op(inv.arn, "cb").callbackDetails().result()).isEqualTo("\"ok\"");
    assertThat(h.eventTypes(inv.arn)).containsExactly("ExecutionStarted", "CallbackStarted",
        "CallbackSucceeded", "StepStarted", "StepSucceeded");
  }

  @Test
  void validationSeesTheBatchInOrder() {
    var inv = h.startAndBegin();
    assertThatThrownBy(() -> inv.checkpoint(stepStart("s"), Updates.stepRetry("s", error("e"), 1),
        stepSucceed("s", "1"))).hasMessage("Cannot checkpoint multiple operations with the same ID.");
    assertThat(h.service.operations(inv.arn)).hasSize(1);
  }

  /** Delegates every call; tests override what they need. */
  private static class ForwardingStore implements ExecutionStore {
    private final ExecutionStore delegate;

    ForwardingStore(ExecutionStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Optional<StoredExecution> load(String executionId) {
      return delegate.load(executionId);
    }

    @Override
    public void write(ExecutionWrite write) {
      delegate.write(write);
    }

    @Override
    public java.util.Optional<String> findByName(String functionName, String executionName) {
      return delegate.findByName(functionName, executionName);
    }

    @Override
    public java.util.Optional<String> findByCallbackId(String callbackId) {
      return delegate.findByCallbackId(callbackId);
    }

    @Override
    public List<String> dueExecutions(java.time.Instant now, int limit) {
      return delegate.dueExecutions(now, limit);
    }

    @Override
    public java.util.Optional<java.time.Instant> nextWakeAt() {
      return delegate.nextWakeAt();
    }

    @Override
    public List<String> executionsAwaitingInvocation(int limit) {
      return delegate.executionsAwaitingInvocation(limit);
    }

    @Override
    public List<HistoryEvent> history(String executionId) {
      return delegate.history(executionId);
    }

    @Override
    public List<ExecutionRecord> list(ExecutionQuery query) {
      return delegate.list(query);
    }
  }
}
