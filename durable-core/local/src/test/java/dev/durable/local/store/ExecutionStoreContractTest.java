package dev.durable.local.store;

import static dev.durable.local.store.Fixtures.T0;
import static dev.durable.local.store.Fixtures.create;
import static dev.durable.local.store.Fixtures.error;
import static dev.durable.local.store.Fixtures.event;
import static dev.durable.local.store.Fixtures.op;
import static dev.durable.local.store.Fixtures.row;
import static dev.durable.local.store.Fixtures.step;
import static dev.durable.local.store.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.StoreConflictException;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.Durability;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store contract, run against the reference {@link InMemoryExecutionStore} and against
 * {@link SqliteExecutionStore}: both must answer every scenario identically.
 */
class ExecutionStoreContractTest {
  @TempDir Path dir;
  private ExecutionStore store;

  static Stream<Arguments> stores() {
    Function<Path, ExecutionStore> memory = d -> new InMemoryExecutionStore();
    Function<Path, ExecutionStore> sqlite =
        d -> SqliteExecutionStore.open(d.resolve("store.db"), Durability.STRICT);
    return Stream.of(Arguments.of("in-memory", memory), Arguments.of("sqlite", sqlite));
  }

  private ExecutionStore open(Function<Path, ExecutionStore> factory) {
    store = factory.apply(dir);
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void createIsRefusedForAnExistingIdOrName(String name, Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(new ExecutionWrite(-1, row("a", ExecutionStatus.RUNNING, null, true), List.of(),
        List.of(event(1))));
    assertThatThrownBy(() -> s.write(create(row("a", ExecutionStatus.RUNNING, null, true))))
        .isInstanceOf(StoreConflictException.class).hasMessageContaining("already exists");
    ExecutionRecord sameName = new ExecutionRecord("b", "arn/b", "fn", "name-a",
        ExecutionStatus.RUNNING, "in", null, null, T0, null, T0, 0, 0, 0, 0, 0, null, false,
        false, null, null, null);
    assertThatThrownBy(() -> s.write(create(sameName, op("x", 1, OperationType.STEP,
        OperationStatus.STARTED, "CB-X"))))
        .isInstanceOf(StoreConflictException.class).hasMessageContaining("taken by execution a");
    assertThat(s.findByName("fn", "name-a")).contains("a");
    assertThat(s.findByName("fn", "name-zz")).isEmpty();
    assertThat(s.load("b")).isEmpty();
    assertThat(s.findByCallbackId("CB-X")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void writesAreVersionCheckedAndAFailedWriteChangesNothing(String name,
      Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(new ExecutionWrite(-1, row("a", ExecutionStatus.RUNNING, null, true),
        List.of(op("a", 1, OperationType.EXECUTION, OperationStatus.STARTED, null)),
        List.of(event(1))));
    assertThat(s.load("a").orElseThrow().version()).isZero();
    s.write(new ExecutionWrite(0, row("a", ExecutionStatus.RUNNING, null, true),
        List.of(op("s", 2, OperationType.STEP, OperationStatus.STARTED, null)),
        List.of(event(2))));
    StoredExecution before = s.load("a").orElseThrow();
    assertThatThrownBy(() -> s.write(new ExecutionWrite(0,
        row("a", ExecutionStatus.SUCCEEDED, null, false),
        List.of(op("t", 3, OperationType.STEP, OperationStatus.STARTED, "CB-T")),
        List.of(event(3)))))
        .isInstanceOf(StoreConflictException.class).hasMessageContaining("version 1");
    assertThat(s.load("a")).contains(before);
    assertThat(before.version()).isEqualTo(1);
    assertThat(before.operations()).extracting(r -> r.operation().id()).containsExactly("a", "s");
    assertThat(s.history("a")).extracting(HistoryEvent::eventId).containsExactly(1, 2);
    assertThat(s.findByCallbackId("CB-T")).isEmpty();
    assertThatThrownBy(() -> s.write(update(0, row("zz", ExecutionStatus.RUNNING, null, true))))
        .isInstanceOf(StoreConflictException.class).hasMessageContaining("does not exist");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void indexesFollowTheWrites(String name, Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(create(row("a", ExecutionStatus.RUNNING, T0.plusSeconds(20), true),
        op("cb", 1, OperationType.CALLBACK, OperationStatus.STARTED, "CB1")));
    s.write(create(row("b", ExecutionStatus.RUNNING, T0.plusSeconds(10), false),
        op("i", 1, OperationType.CHAINED_INVOKE, OperationStatus.STARTED, null)));
    assertThat(s.findByCallbackId("CB1")).contains("a");
    assertThat(s.dueExecutions(T0.plusSeconds(30), 10)).containsExactly("b", "a");
    assertThat(s.dueExecutions(T0.plusSeconds(30), 1)).containsExactly("b");
    assertThat(s.dueExecutions(T0.plusSeconds(15), 10)).containsExactly("b");
    assertThat(s.dueExecutions(T0.plusSeconds(10), 10)).containsExactly("b");
    assertThat(s.nextWakeAt()).contains(T0.plusSeconds(10));
    assertThat(s.executionsAwaitingInvocation(10)).containsExactly("a");
    assertThat(s.executionsWithPendingInvokes(10)).containsExactly("b");

    s.write(update(0, row("b", ExecutionStatus.SUCCEEDED, T0.plusSeconds(10), true)));
    assertThat(s.dueExecutions(T0.plusSeconds(30), 10)).containsExactly("a");
    assertThat(s.nextWakeAt()).contains(T0.plusSeconds(20));
    assertThat(s.executionsAwaitingInvocation(10)).containsExactly("a");
    assertThat(s.executionsWithPendingInvokes(10)).isEmpty();
    assertThat(s.list(new ExecutionQuery(null, ExecutionStatus.SUCCEEDED, null, null, 10)))
        .extracting(ExecutionRecord::executionId).containsExactly("b");
    assertThat(s.list(new ExecutionQuery("other", null, null, null, 10))).isEmpty();
    assertThat(s.list(ExecutionQuery.all())).hasSize(2);

    s.write(update(0, row("a", ExecutionStatus.RUNNING, null, false)));
    assertThat(s.nextWakeAt()).isEmpty();
    assertThat(s.dueExecutions(T0.plusSeconds(99), 10)).isEmpty();
    assertThat(s.executionsAwaitingInvocation(10)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void pendingInvokesLeaveTheIndexWhenLinkedOrWhenTheExecutionCloses(String name,
      Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(create(row("p", ExecutionStatus.RUNNING, null, false),
        op("i1", 1, OperationType.CHAINED_INVOKE, OperationStatus.STARTED, null),
        op("i2", 2, OperationType.CHAINED_INVOKE, OperationStatus.STARTED, null)));
    s.write(create(row("q", ExecutionStatus.RUNNING, null, false),
        op("i1", 1, OperationType.CHAINED_INVOKE, OperationStatus.STARTED, null)));
    assertThat(s.executionsWithPendingInvokes(10)).containsExactlyInAnyOrder("p", "q");
    OperationRecord i1 = s.load("p").orElseThrow().operations().get(0);
    s.write(update(0, row("p", ExecutionStatus.RUNNING, null, false),
        new OperationRecord(i1.operation(), 1, 5, null, null, 0, "child-1")));
    assertThat(s.executionsWithPendingInvokes(10)).containsExactlyInAnyOrder("p", "q");
    OperationRecord i2 = s.load("p").orElseThrow().operations().get(1);
    s.write(update(1, row("p", ExecutionStatus.RUNNING, null, false),
        new OperationRecord(i2.operation().withStatus(OperationStatus.SUCCEEDED, T0), 2, 6, null,
            null, 0, null)));
    assertThat(s.executionsWithPendingInvokes(10)).containsExactly("q");
    s.write(update(0, row("q", ExecutionStatus.STOPPED, null, false)));
    assertThat(s.executionsWithPendingInvokes(10)).isEmpty();
    assertThat(s.load("p").orElseThrow().operations().get(0).childExecutionId())
        .isEqualTo("child-1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void invocationRequestsQueueInTheOrderTheyWereMade(String name,
      Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(create(row("a", ExecutionStatus.RUNNING, null, true)));
    s.write(create(row("b", ExecutionStatus.RUNNING, null, true)));
    s.write(create(row("c", ExecutionStatus.RUNNING, null, false)));
    s.write(update(0, row("a", ExecutionStatus.RUNNING, null, true))); // still requested: keeps place
    assertThat(s.executionsAwaitingInvocation(10)).containsExactly("a", "b");
    s.write(update(1, row("a", ExecutionStatus.RUNNING, null, false)));
    s.write(update(0, row("c", ExecutionStatus.RUNNING, null, true)));
    s.write(update(2, row("a", ExecutionStatus.RUNNING, null, true))); // new request: at the end
    assertThat(s.executionsAwaitingInvocation(10)).containsExactly("b", "c", "a");
    assertThat(s.executionsAwaitingInvocation(2)).containsExactly("b", "c");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void everyFieldRoundTripsExactly(String name, Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    ExecutionRecord full = new ExecutionRecord("x", "arn:aws:lambda:x", "fn", "run-1",
        ExecutionStatus.FAILED, "{\"in\":\"ünïcödé ✓ \\\"q\\\"\"}", "{\"r\":1}", error("boom"),
        T0, T0.plusNanos(7), T0.plusSeconds(60), 3, 4, 5, 6, 7, T0.plusMillis(1), true, true,
        T0.minusNanos(1), "parent", "op-9");
    List<OperationRecord> ops = List.of(
        new OperationRecord(new Operation("e", null, null, OperationType.EXECUTION, null,
            OperationStatus.STARTED, T0, null, new OperationDetails.Execution("{\"a\":1}"), null,
            null, null, null, null), 1, 1, null, null, 0, null),
        step("s1", 2, "{\"big\":\"" + "x".repeat(5000) + "\"}"),
        new OperationRecord(new Operation("s2", "ctx", "retrying", OperationType.STEP, "Step",
            OperationStatus.PENDING, T0, null, null, null,
            new OperationDetails.Step(2, T0.plusSeconds(5), null, error("try again")), null,
            null, null), 3, 9, null, null, 0, null),
        new OperationRecord(new Operation("s3", null, null, OperationType.STEP, null,
            OperationStatus.STARTED, T0, null, null, null, null, null, null, null), 4, 4, null,
            null, 0, null),
        new OperationRecord(new Operation("w", null, "nap", OperationType.WAIT, "Wait",
            OperationStatus.STARTED, T0, null, null, null, null,
            new OperationDetails.Wait(T0.plusSeconds(300)), null, null), 5, 5, null, null, 0,
            null),
        new OperationRecord(new Operation("c", null, "ok?", OperationType.CALLBACK, "Callback",
            OperationStatus.SUCCEEDED, T0, T0.plusSeconds(1), null, null, null, null,
            new OperationDetails.Callback("CB-c", "\"yes\"", null), null), 6, 6,
            T0.plusSeconds(99), T0.plusSeconds(9), 9, null),
        new OperationRecord(new Operation("cf", null, null, OperationType.CALLBACK, null,
            OperationStatus.FAILED, T0, T0, null, null, null, null,
            new OperationDetails.Callback("CB-f", null, error("no")), null), 7, 7, null, null, 0,
            null),
        new OperationRecord(new Operation("ctx", null, "child", OperationType.CONTEXT, "RunInChildContext",
            OperationStatus.SUCCEEDED, T0, T0, null,
            new OperationDetails.Context(true, "[1,2]", null), null, null, null, null), 8, 8, null,
            null, 0, null),
        new OperationRecord(new Operation("ctx2", null, null, OperationType.CONTEXT, null,
            OperationStatus.SUCCEEDED, T0, T0, null,
            new OperationDetails.Context(null, "7", null), null, null, null, null), 9, 9, null,
            null, 0, null),
        new OperationRecord(new Operation("inv", null, "call", OperationType.CHAINED_INVOKE,
            "ChainedInvoke", OperationStatus.FAILED, T0, T0, null, null, null, null, null,
            new OperationDetails.ChainedInvoke("\"partial\"", error("child failed"))), 10, 10,
            null, null, 0, "child-x"),
        new OperationRecord(new Operation("odd", null, null, OperationType.STEP, null,
            OperationStatus.SUCCEEDED, T0, T0, new OperationDetails.Execution("e"), null,
            new OperationDetails.Step(0, null, "r", null), null, null, null), 11, 11, null,
            null, 0, null));
    HistoryEvent rich = new HistoryEvent(2, "StepFailed", "Step", "s2", "retrying", "ctx",
        T0.plusNanos(3), "{\"p\":true}", error("e"), 2, 5, 10, T0.plusSeconds(1), "CB", 60, 30,
        "target", T0.minusSeconds(1));
    s.write(new ExecutionWrite(-1, full, ops, List.of(event(1), rich)));
    StoredExecution loaded = s.load("x").orElseThrow();
    assertThat(loaded.execution()).isEqualTo(full);
    assertThat(loaded.operations()).containsExactlyElementsOf(ops);
    assertThat(s.history("x")).containsExactly(event(1), rich);
    assertThat(s.list(ExecutionQuery.all())).containsExactly(full);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void operationsAreReplacedByIdAndLoadedInStartOrder(String name,
      Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(create(row("a", ExecutionStatus.RUNNING, null, false), step("z", 3, "3"),
        step("y", 1, "1")));
    s.write(update(0, row("a", ExecutionStatus.RUNNING, null, false), step("x", 2, "2"),
        step("z", 3, "three")));
    assertThat(s.load("a").orElseThrow().operations())
        .extracting(r -> r.operation().id(), r -> r.operation().stepDetails().result())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("y", "1"),
            org.assertj.core.groups.Tuple.tuple("x", "2"),
            org.assertj.core.groups.Tuple.tuple("z", "three"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void theFirstOwnerOfACallbackIdKeepsIt(String name, Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(create(row("a", ExecutionStatus.RUNNING, null, false),
        op("c", 1, OperationType.CALLBACK, OperationStatus.STARTED, "CB")));
    s.write(create(row("b", ExecutionStatus.RUNNING, null, false),
        op("c", 1, OperationType.CALLBACK, OperationStatus.STARTED, "CB")));
    assertThat(s.findByCallbackId("CB")).contains("a");
    assertThat(s.findByCallbackId(null)).isEmpty();
    assertThat(s.findByCallbackId("nope")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void listFiltersAndSortsNewestFirst(String name, Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    s.write(create(row("a", "f1", ExecutionStatus.RUNNING, T0, null, false)));
    s.write(create(row("b", "f2", ExecutionStatus.RUNNING, T0.plusSeconds(1), null, false)));
    s.write(create(row("c", "f1", ExecutionStatus.RUNNING, T0.plusSeconds(2), null, false)));
    s.write(create(row("d", "f1", ExecutionStatus.RUNNING, T0.plusSeconds(2), null, false)));
    s.write(update(0, row("a", "f1", ExecutionStatus.SUCCEEDED, T0, null, false)));
    assertThat(ids(s, new ExecutionQuery(null, null, null, null, 10))).containsExactly("c", "d",
        "b", "a");
    assertThat(ids(s, new ExecutionQuery("f1", null, null, null, 10))).containsExactly("c", "d",
        "a");
    assertThat(ids(s, new ExecutionQuery("f1", ExecutionStatus.RUNNING, null, null, 10)))
        .containsExactly("c", "d");
    assertThat(ids(s, new ExecutionQuery(null, null, T0, T0.plusSeconds(2), 10)))
        .containsExactly("b");
    assertThat(ids(s, new ExecutionQuery(null, null, null, null, 2))).containsExactly("c", "d");
    assertThat(ids(s, new ExecutionQuery(null, null, null, null, 0))).containsExactly("c");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void unknownIdsAreEmpty(String name, Function<Path, ExecutionStore> f) {
    ExecutionStore s = open(f);
    assertThat(s.load("nope")).isEmpty();
    assertThat(s.history("nope")).isEmpty();
    assertThat(s.list(ExecutionQuery.all())).isEmpty();
    assertThat(s.nextWakeAt()).isEmpty();
    assertThat(s.executionsAwaitingInvocation(5)).isEmpty();
    assertThat(s.executionsWithPendingInvokes(5)).isEmpty();
  }

  private static List<String> ids(ExecutionStore s, ExecutionQuery q) {
    return s.list(q).stream().map(ExecutionRecord::executionId).toList();
  }
}
