package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.Durability;
import dev.durable.local.store.Workflows.Helper;
import dev.durable.local.store.Workflows.Order;
import dev.durable.local.store.Workflows.OrderFlow;
import dev.durable.local.store.Workflows.Steps;
import dev.durable.testing.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real workflows through DurableExecutionService over the SQLite store. */
class EndToEndTest {
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration HALF_HOUR = Duration.ofMinutes(30);

  @TempDir Path dir;

  private record Journal(String result, List<Operation> operations, List<HistoryEvent> history) {}

  /** Runs OrderFlow to the end on {@code store}; the callback is approved once it is waited for. */
  private static Journal runOrder(ExecutionStore store) {
    OrderFlow flow = new OrderFlow();
    ServiceDriver d = new ServiceDriver(store, new ManualClock(START), "run")
        .register("order", flow, Order.class).register("helper", new Helper(), String.class);
    String arn = d.start("order", new Order("o-1", 42));
    d.runUntilIdle(HALF_HOUR); // the callback times out after an hour
    assertThat(d.service.describe(arn).status()).as(String.valueOf(d.service.describe(arn).error()))
        .isEqualTo(ExecutionStatus.RUNNING);
    assertThat(flow.callbackIds).hasSize(1);
    d.service.completeCallback(flow.callbackIds.peek(), "\"approved\"");
    d.runUntilIdle(DAY);
    assertThat(flow.validations).hasValue(1);
    assertThat(flow.flakyAttempts).hasValue(3);
    var row = d.service.describe(arn);
    assertThat(row.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return new Journal(row.result(), d.service.operations(arn), d.service.history(arn));
  }

  @Test
  void aWorkflowLeavesTheSameJournalOnSqliteAsOnTheReferenceStore() {
    Journal reference = runOrder(new InMemoryExecutionStore());
    Journal sqlite;
    try (SqliteExecutionStore store = SqliteExecutionStore.open(dir.resolve("a.db"),
        Durability.STRICT)) {
      sqlite = runOrder(store);
    }
    assertThat(sqlite.result()).isEqualTo("\"ok-o-1/3/approved/3/[2, 4, 6]/helped-o-1\"");
    assertThat(sqlite.operations()).containsExactlyElementsOf(reference.operations());
    assertThat(sqlite.history()).containsExactlyElementsOf(reference.history());
  }

  @Test
  void aSuspendedRunResumesAfterTheStoreIsClosedAndReopened() {
    Path file = dir.resolve("reopen.db");
    ManualClock clock = new ManualClock(START);
    OrderFlow flow = new OrderFlow();
    String arn;
    try (SqliteExecutionStore store = SqliteExecutionStore.open(file, Durability.STRICT)) {
      ServiceDriver d = new ServiceDriver(store, clock, "first")
          .register("order", flow, Order.class).register("helper", new Helper(), String.class);
      arn = d.start("order", new Order("o-2", 7));
      d.runUntilIdle(HALF_HOUR);
      assertThat(flow.callbackIds).hasSize(1);
    }
    try (SqliteExecutionStore store = SqliteExecutionStore.open(file, Durability.STRICT)) {
      ServiceDriver d = new ServiceDriver(store, clock, "second")
          .register("order", flow, Order.class).register("helper", new Helper(), String.class);
      assertThat(d.service.describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
      d.service.completeCallback(flow.callbackIds.peek(), "\"late-ok\"");
      d.runUntilIdle(DAY);
      assertThat(d.service.describe(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(d.service.describe(arn).result()).contains("late-ok").contains("helped-o-2");
    }
    assertThat(flow.validations).as("a journaled step never runs again").hasValue(1);
    assertThat(flow.flakyAttempts).hasValue(3);
    try (SqliteExecutionStore store = SqliteExecutionStore.open(file, Durability.RELAXED)) {
      assertThat(store.list(ExecutionQuery.all())).extracting(r -> r.status())
          .containsOnly(ExecutionStatus.SUCCEEDED).hasSize(2); // the order and its helper
      assertThat(store.history(arn.substring(arn.lastIndexOf('/') + 1)))
          .extracting(HistoryEvent::eventType).contains("ExecutionSucceeded");
    }
  }

  @Test
  void manyRunsAtOnceShareTransactions() throws Exception {
    int runs = 32;
    int steps = 25;
    Steps fn = new Steps();
    try (SqliteExecutionStore store = SqliteExecutionStore.open(dir.resolve("many.db"),
        Durability.STRICT)) {
      ServiceDriver d = new ServiceDriver(store, new ManualClock(START), "many")
          .register("steps", fn, Integer.class);
      ExecutorService pool = Executors.newFixedThreadPool(runs);
      List<Future<String>> arns = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        arns.add(pool.submit(() -> {
          String arn = d.start("steps", steps);
          d.invoke(arn);
          return arn;
        }));
      }
      for (Future<String> f : arns) {
        var row = d.service.describe(f.get());
        assertThat(row.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(row.result()).isEqualTo(Integer.toString(steps * (steps - 1) / 2));
      }
      pool.shutdown();
      assertThat(fn.bodies).hasValue(runs * steps);
      SqliteExecutionStore.WriterStats stats = store.writerStats();
      assertThat(stats.writes()).isGreaterThan((long) runs * steps);
      assertThat(stats.transactions()).as(stats.toString()).isLessThan(stats.writes());
      assertThat(stats.largestBatch()).isGreaterThan(1);
    }
  }

  @Test
  void leaseChangesKeepEachModesSyncLevel() {
    // a lease batch commits at NORMAL inside a STRICT store; every other commit must stay FULL,
    // and a RELAXED store must stay NORMAL (SQLite applies this pragma when it is prepared)
    for (Durability mode : Durability.values()) {
      try (SqliteExecutionStore store = SqliteExecutionStore.open(dir.resolve(mode + ".db"), mode)) {
        ServiceDriver d = new ServiceDriver(store, new ManualClock(START), "sync")
            .register("steps", new Steps(), Integer.class);
        String id = d.start("steps", 1);
        id = id.substring(id.lastIndexOf('/') + 1);
        int expected = mode == Durability.STRICT ? 2 : 1;
        assertThat(store.synchronousLevel()).isEqualTo(expected);
        assertThat(store.tryAcquire(id, "w1", START, Duration.ofSeconds(30))).isTrue();
        assertThat(store.synchronousLevel()).isEqualTo(expected);
        store.release(id, "w1");
        d.invoke(d.start("steps", 2));
        assertThat(store.synchronousLevel()).isEqualTo(expected);
      }
    }
  }

  @Test
  void onlyRowBookkeepingSkipsItsFsyncNeverACheckpoint() {
    // record the writes of a real run (on the reference store) and classify them as the store does
    InMemoryExecutionStore mem = new InMemoryExecutionStore();
    List<ExecutionWrite> writes = new ArrayList<>();
    ExecutionStore recording = (ExecutionStore) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ExecutionStore.class}, (p, m, args) -> {
          if (m.getName().equals("write")) {
            writes.add((ExecutionWrite) args[0]);
          }
          try {
            return m.invoke(mem, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ServiceDriver d = new ServiceDriver(recording, new ManualClock(START), "classify")
        .register("steps", new Steps(), Integer.class);
    d.invoke(d.start("steps", 3));
    List<ExecutionWrite> relaxed = writes.stream()
        .filter(SqliteExecutionStore::bookkeepingOnly).toList();
    assertThat(relaxed).as("beginning the invocation changes the row only").isNotEmpty();
    assertThat(relaxed).allSatisfy(w -> {
      assertThat(w.operations()).isEmpty();
      assertThat(w.events()).isEmpty();
    });
    // every checkpoint of a step, and the start and the end of the run, keep their fsync
    assertThat(writes.stream().filter(w -> !w.events().isEmpty() || !w.operations().isEmpty()
        || w.expectedVersion() < 0)).isNotEmpty().noneMatch(SqliteExecutionStore::bookkeepingOnly);
    long checkpoints = writes.stream().filter(w -> w.events().stream()
        .anyMatch(e -> e.eventType().equals("StepSucceeded"))).count();
    assertThat(checkpoints).isEqualTo(3);
  }
}
