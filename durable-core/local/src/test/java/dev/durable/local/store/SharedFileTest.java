package dev.durable.local.store;

import static dev.durable.local.store.Fixtures.T0;
import static dev.durable.local.store.Fixtures.create;
import static dev.durable.local.store.Fixtures.row;
import static dev.durable.local.store.Fixtures.step;
import static dev.durable.local.store.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.StoreConflictException;
import dev.durable.local.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two store instances on one file stand in for two processes (a worker and the CLI): each has its
 * own writer thread and connections, so they share nothing but the file and SQLite's locks.
 */
class SharedFileTest {
  @TempDir Path dir;
  private SqliteExecutionStore worker;
  private SqliteExecutionStore cli;

  @BeforeEach
  void open() {
    worker = SqliteExecutionStore.open(dir.resolve("shared.db"), Durability.STRICT);
    cli = SqliteExecutionStore.open(dir.resolve("shared.db"), Durability.STRICT);
  }

  @AfterEach
  void close() {
    worker.close();
    cli.close();
  }

  @Test
  void eachSeesTheOthersCommittedWritesAndVersionConflictsAreDetected() {
    worker.write(create(row("a", ExecutionStatus.RUNNING, null, false), step("s1", 1, "1")));
    assertThat(cli.load("a")).contains(worker.load("a").orElseThrow());
    cli.write(update(0, row("a", ExecutionStatus.RUNNING, null, true), step("s2", 2, "2")));
    assertThat(worker.load("a").orElseThrow().operations()).hasSize(2);
    assertThat(worker.executionsAwaitingInvocation(5)).containsExactly("a");
    assertThatThrownBy(() -> worker.write(update(0, row("a", ExecutionStatus.SUCCEEDED, null,
        false)))).isInstanceOf(StoreConflictException.class).hasMessageContaining("version 1");
    assertThatThrownBy(() -> cli.write(create(row("a", ExecutionStatus.RUNNING, null, false))))
        .isInstanceOf(StoreConflictException.class);
    assertThat(cli.load("a").orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void racingWritersOfOneVersionProduceExactlyOneWinner() throws Exception {
    worker.write(create(row("a", ExecutionStatus.RUNNING, null, false)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int round = 0; round < 10; round++) {
      long version = worker.load("a").orElseThrow().version();
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger wins = new AtomicInteger();
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        SqliteExecutionStore s = t % 2 == 0 ? worker : cli;
        int k = t;
        fs.add(pool.submit(() -> {
          go.await();
          try {
            s.write(update(version, row("a", ExecutionStatus.RUNNING, null, false),
                step("r" + k, k + 1, "x")));
            wins.incrementAndGet();
          } catch (StoreConflictException expected) {
            // lost the race
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get();
      }
      assertThat(wins).as("round " + round).hasValue(1);
      assertThat(cli.load("a").orElseThrow().version()).isEqualTo(version + 1);
    }
    pool.shutdown();
  }

  @Test
  void leasesAreExclusiveAcrossInstancesRenewableAndTakenOverWhenExpired() {
    Duration ttl = Duration.ofSeconds(30);
    worker.write(create(row("a", ExecutionStatus.RUNNING, null, false)));
    assertThat(worker.tryAcquire("a", "w1", T0, ttl)).isTrue();
    assertThat(worker.tryAcquire("a", "w1", T0.plusSeconds(1), ttl)).as("re-entrant").isTrue();
    assertThat(cli.tryAcquire("a", "w2", T0.plusSeconds(10), ttl)).isFalse();
    assertThat(worker.renew("a", "w1", T0.plusSeconds(20), ttl)).isTrue(); // now until T0+50
    assertThat(cli.tryAcquire("a", "w2", T0.plusSeconds(40), ttl)).isFalse();
    assertThat(cli.renew("a", "w2", T0.plusSeconds(40), ttl)).isFalse();
    assertThat(cli.tryAcquire("a", "w2", T0.plusSeconds(50), ttl)).as("expired").isTrue();
    assertThat(worker.renew("a", "w1", T0.plusSeconds(51), ttl)).as("lost it").isFalse();
    worker.release("a", "w1"); // not the holder: no effect
    assertThat(worker.tryAcquire("a", "w1", T0.plusSeconds(52), ttl)).isFalse();
    cli.release("a", "w2");
    assertThat(worker.tryAcquire("a", "w1", T0.plusSeconds(53), ttl)).isTrue();
    assertThat(worker.tryAcquire("unknown", "w1", T0, ttl)).isFalse();
    assertThat(worker.load("a").orElseThrow().version()).as("leases leave versions alone")
        .isZero();
    assertThatThrownBy(() -> worker.tryAcquire("a", "w1", T0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyThreadsRacingForOneLeaseYieldOneHolder() throws Exception {
    worker.write(create(row("a", ExecutionStatus.RUNNING, null, false)));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Boolean>> fs = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      SqliteExecutionStore s = t % 2 == 0 ? worker : cli;
      String owner = "w" + t;
      fs.add(pool.submit(() -> s.tryAcquire("a", owner, T0, Duration.ofMinutes(1))));
    }
    int holders = 0;
    for (Future<Boolean> f : fs) {
      holders += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(holders).isEqualTo(1);
  }

  @Test
  void closeCommitsQueuedWritesAndLaterCallsFailClearly() {
    worker.write(create(row("a", ExecutionStatus.RUNNING, null, false)));
    worker.close();
    worker.close(); // idempotent
    assertThatThrownBy(() -> worker.write(update(0, row("a", ExecutionStatus.RUNNING, null,
        false)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> worker.load("a")).hasMessageContaining("closed");
    assertThat(cli.load("a")).isPresent();
  }
}
