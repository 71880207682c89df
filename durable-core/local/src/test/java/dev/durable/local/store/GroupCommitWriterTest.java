package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.service.StoreConflictException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's acknowledgements under concurrency: each caller of a large group commit gets
 * exactly its own outcome, only after its transaction committed, and {@code close()} releases
 * every write already queued. Any change to how waiters are released (such as moving the wake-ups
 * off the writer thread, tried in T3 and reverted) must keep these. The writer is held on a gate
 * task so that the others queue up behind it and commit as one large batch. The timeout only turns
 * a waiter left parked (a hang) into a failure.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupCommitWriterTest {
  private static final int WRITERS = 40;

  @TempDir
  Path dir;
  private Connection write;
  private Connection read;
  private Checkpointer checkpointer;
  private GroupCommitWriter writer;

  @BeforeEach
  void open() throws SQLException {
    Path file = dir.resolve("writer.db");
    String path = file.toString();
    write = Connections.open(file, SqliteStoreOptions.defaults(), false);
    Schema.migrate(write, path);
    try (Statement s = write.createStatement()) {
      s.execute("CREATE TABLE acked(id INTEGER PRIMARY KEY)");
    }
    read = Connections.open(file, SqliteStoreOptions.defaults(), true);
    checkpointer = new Checkpointer(Connections.open(file, SqliteStoreOptions.defaults(), false),
        true);
    writer = new GroupCommitWriter(write, path, 64, true, checkpointer);
  }

  @AfterEach
  void close() throws SQLException {
    writer.close(); // closes the write connection; a second close() is a no-op
    checkpointer.close();
    read.close();
  }

  @Test
  void concurrentWritersGetTheirOwnOutcomeOnlyAfterTheirCommit() throws Exception {
    for (int round = 0; round < 5; round++) {
      int base = round * 1000;
      Object[] outcomes = new Object[WRITERS];
      boolean[] visibleOnReturn = new boolean[WRITERS];
      held(i -> {
        int id = base + i;
        return () -> {
          try {
            outcomes[i] = writer.submit(sql -> {
              if (i % 7 == 3) { // refused before any change, as WriteSql does: the others commit
                throw new StoreConflictException("refused " + id);
              }
              insert(id);
              if (i == 11) { // fails after a change: the batch retries each write alone
                throw new IllegalStateException("broken " + id);
              }
              return id;
            });
            visibleOnReturn[i] = committed(id);
          } catch (RuntimeException e) {
            outcomes[i] = e;
          }
        };
      }, () -> { });

      for (int i = 0; i < WRITERS; i++) {
        int id = base + i;
        if (i % 7 == 3) {
          assertThat(outcomes[i]).isInstanceOf(StoreConflictException.class)
              .hasFieldOrPropertyWithValue("message", "refused " + id);
        } else if (i == 11) {
          assertThat(outcomes[i]).isInstanceOf(IllegalStateException.class)
              .hasFieldOrPropertyWithValue("message", "broken " + id);
        } else {
          assertThat(outcomes[i]).as("write %d", id).isEqualTo(id);
          assertThat(visibleOnReturn[i]).as("write %d committed before its release", id).isTrue();
        }
      }
    }
    assertThat(writer.stats()[2]).as("largest batch: the callers committed as a group").isGreaterThan(2);
    // a refused write's row stayed out, and so did the broken one's, after its retry alone
    assertThat(count("id % 1000 % 7 = 3 OR id % 1000 = 11")).isZero();
    assertThat(count("1")).isEqualTo(5 * (WRITERS - 6 - 1));
  }

  @Test
  void closeWithWritesInFlightReleasesEveryone() throws Exception {
    Object[] outcomes = new Object[WRITERS];
    Thread[] closer = new Thread[1];
    held(i -> () -> {
      try {
        outcomes[i] = writer.submit(sql -> {
          insert(i);
          return i;
        });
      } catch (RuntimeException e) {
        outcomes[i] = e;
      }
    }, () -> {
      closer[0] = new Thread(writer::close, "closer");
      closer[0].start();
      awaitParked(closer[0]); // close() started: it waits for the writer thread to drain
      assertThatThrownBy(() -> writer.submit(sql -> 0))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    });
    closer[0].join();

    for (int i = 0; i < WRITERS; i++) {
      assertThat(outcomes[i]).as("write %d", i).isEqualTo(i);
    }
    assertThat(count("1")).isEqualTo(WRITERS);
  }

  /**
   * Holds the writer on a gate task, starts {@link #WRITERS} callers that queue behind it, runs
   * {@code whileHeld} once all of them are parked, then opens the gate and waits for them all.
   */
  private void held(IntFunction<Runnable> caller, ThrowingRunnable whileHeld) throws Exception {
    CountDownLatch inGate = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(1);
    Thread gate = new Thread(() -> writer.submit(sql -> {
      inGate.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return null;
    }), "gate");
    gate.start();
    inGate.await();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      Thread t = new Thread(caller.apply(i), "caller-" + i);
      callers.add(t);
      t.start();
    }
    for (Thread t : callers) {
      awaitParked(t);
    }
    whileHeld.run();
    open.countDown();
    gate.join();
    for (Thread t : callers) {
      t.join();
    }
  }

  private static void awaitParked(Thread t) throws InterruptedException {
    while (t.getState() != Thread.State.WAITING && t.isAlive()) {
      Thread.sleep(1);
    }
  }

  private void insert(int id) throws SQLException {
    try (PreparedStatement s = write.prepareStatement("INSERT INTO acked(id) VALUES (?)")) {
      s.setInt(1, id);
      s.executeUpdate();
    }
  }

  /** Whether another connection sees the row: only once its transaction committed. */
  private boolean committed(int id) {
    synchronized (read) {
      return count("id = " + id) == 1;
    }
  }

  private int count(String where) {
    synchronized (read) {
      try (Statement s = read.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM acked WHERE " + where)) {
        r.next();
        return r.getInt(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
