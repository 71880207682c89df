package dev.durable.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store: atomic, version-checked writes and the indexes the service queries. */
class InMemoryExecutionStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();

  private static ExecutionRecord row(String id, ExecutionStatus status, Instant wakeAt,
      boolean requested) {
    return new ExecutionRecord(id, "arn/" + id, "fn", "name-" + id, status, "in", null, null, T0,
        null, T0.plusSeconds(3600), 0, 0, 0, 0, 0, wakeAt, requested, false, null, null, null);
  }

  private static OperationRecord op(String id, long seq, OperationType type,
      OperationStatus status, String callbackId) {
    Operation o = new Operation(id, null, null, type, null, status, T0, null, null, null, null,
        null, callbackId == null ? null : new OperationDetails.Callback(callbackId, null, null),
        null);
    return new OperationRecord(o, seq, seq, null, null, 0, null);
  }

  private static HistoryEvent event(int id) {
    return new HistoryEvent(id, "E" + id, null, null, null, null, T0, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  @Test
  void createIsRefusedForAnExistingIdOrName() {
    store.write(new ExecutionWrite(-1, row("a", ExecutionStatus.RUNNING, null, true), List.of(),
        List.of(event(1))));
    assertThatThrownBy(() -> store.write(new ExecutionWrite(-1,
        row("a", ExecutionStatus.RUNNING, null, true), List.of(), List.of())))
        .isInstanceOf(StoreConflictException.class);
    ExecutionRecord sameName = new ExecutionRecord("b", "arn/b", "fn", "name-a",
        ExecutionStatus.RUNNING, "in", null, null, T0, null, T0, 0, 0, 0, 0, 0, null, false,
        false, null, null, null);
    assertThatThrownBy(() -> store.write(new ExecutionWrite(-1, sameName, List.of(), List.of())))
        .isInstanceOf(StoreConflictException.class);
    assertThat(store.findByName("fn", "name-a")).contains("a");
    assertThat(store.load("b")).isEmpty();
  }

  @Test
  void writesAreVersionCheckedAndVersionsCountWrites() {
    store.write(new ExecutionWrite(-1, row("a", ExecutionStatus.RUNNING, null, true),
        List.of(op("a", 1, OperationType.EXECUTION, OperationStatus.STARTED, null)),
        List.of(event(1))));
    assertThat(store.load("a").orElseThrow().version()).isZero();
    store.write(new ExecutionWrite(0, row("a", ExecutionStatus.RUNNING, null, true),
        List.of(op("s", 2, OperationType.STEP, OperationStatus.STARTED, null)),
        List.of(event(2))));
    assertThatThrownBy(() -> store.write(new ExecutionWrite(0,
        row("a", ExecutionStatus.RUNNING, null, true), List.of(), List.of())))
        .isInstanceOf(StoreConflictException.class).hasMessageContaining("version 1");
    StoredExecution loaded = store.load("a").orElseThrow();
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.operations()).extracting(r -> r.operation().id()).containsExactly("a", "s");
    assertThat(store.history("a")).extracting(HistoryEvent::eventId).containsExactly(1, 2);
    assertThatThrownBy(() -> store.write(new ExecutionWrite(0,
        row("zz", ExecutionStatus.RUNNING, null, true), List.of(), List.of())))
        .isInstanceOf(StoreConflictException.class);
  }

  @Test
  void indexesFollowTheWrites() {
    store.write(new ExecutionWrite(-1, row("a", ExecutionStatus.RUNNING, T0.plusSeconds(20),
        true), List.of(op("cb", 1, OperationType.CALLBACK, OperationStatus.STARTED, "CB1")),
        List.of()));
    store.write(new ExecutionWrite(-1, row("b", ExecutionStatus.RUNNING, T0.plusSeconds(10),
        false), List.of(op("i", 1, OperationType.CHAINED_INVOKE, OperationStatus.STARTED, null)),
        List.of()));
    assertThat(store.findByCallbackId("CB1")).contains("a");
    assertThat(store.dueExecutions(T0.plusSeconds(30), 10)).containsExactly("b", "a");
    assertThat(store.dueExecutions(T0.plusSeconds(15), 10)).containsExactly("b");
    assertThat(store.nextWakeAt()).contains(T0.plusSeconds(10));
    assertThat(store.executionsAwaitingInvocation(10)).containsExactly("a");
    assertThat(store.executionsWithPendingInvokes(10)).containsExactly("b");

    store.write(new ExecutionWrite(0, row("b", ExecutionStatus.SUCCEEDED, T0.plusSeconds(10),
        true), List.of(), List.of()));
    assertThat(store.dueExecutions(T0.plusSeconds(30), 10)).containsExactly("a");
    assertThat(store.executionsAwaitingInvocation(10)).containsExactly("a");
    assertThat(store.executionsWithPendingInvokes(10)).isEmpty();
    assertThat(store.list(new ExecutionQuery(null, ExecutionStatus.SUCCEEDED, null, null, 10)))
        .extracting(ExecutionRecord::executionId).containsExactly("b");
    assertThat(store.list(new ExecutionQuery("other", null, null, null, 10))).isEmpty();
    assertThat(store.list(ExecutionQuery.all())).hasSize(2);
  }

  @Test
  void writesCostTheirSizeNotTheExecutionsSize() {
    List<OperationRecord> ops = new ArrayList<>();
    for (int i = 1; i <= 10_000; i++) {
      ops.add(op("s" + i, i, OperationType.STEP, OperationStatus.SUCCEEDED, null));
    }
    store.write(new ExecutionWrite(-1, row("a", ExecutionStatus.RUNNING, null, false), ops,
        List.of()));
    long start = System.nanoTime();
    for (int v = 0; v < 20_000; v++) {
      store.write(new ExecutionWrite(v, row("a", ExecutionStatus.RUNNING, null, false),
          List.of(op("n" + v, 10_001 + v, OperationType.STEP, OperationStatus.STARTED, null),
              op("s1", 1, OperationType.STEP, OperationStatus.SUCCEEDED, null)),
          List.of(event(v))));
    }
    long perWriteMicros = (System.nanoTime() - start) / 20_000 / 1000;
    assertThat(perWriteMicros).as("µs per write").isLessThan(50);
    assertThat(store.load("a").orElseThrow().operations()).hasSize(30_000);
  }
}
