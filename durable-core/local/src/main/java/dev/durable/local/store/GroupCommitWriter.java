package dev.durable.local.store;

import dev.durable.core.service.StoreConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's only writer: one thread owns the write connection, takes whatever writes are queued
 * (up to {@code maxBatch}) and commits them in ONE transaction, so one fsync acknowledges them all.
 * That is what turns ~6k durable commits/s into tens of thousands at 64-way concurrency (see
 * performance-limits.md §2.3); many SQLite writer connections instead wait on each other's locks.
 *
 * <p>Each write runs under its own SAVEPOINT when it shares the transaction, so a write that fails
 * (a version conflict) is rolled back alone and fails only its caller. The transaction starts
 * IMMEDIATE, taking SQLite's write lock up front: every check a write makes inside it holds against
 * other processes until the commit.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** A unit of work on the writer connection. */
  interface Task<T> {
    T run(WriteSql sql) throws SQLException;
  }

  private record Pending<T>(Task<T> task, CompletableFuture<T> done) {}

  private static final Pending<Void> STOP = new Pending<>(null, null);
  private static final long SPIN_NANOS = 50_000;

  private final Connection connection;
  private final WriteSql sql;
  private final Checkpointer checkpointer;
  private final PreparedStatement begin;
  private final PreparedStatement savepoint;
  private final PreparedStatement rollbackTo;
  private final PreparedStatement releaseSavepoint;
  private final PreparedStatement commit;
  private final String path;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private volatile int largestBatch;
  private volatile boolean closed;

  GroupCommitWriter(Connection connection, String path, int maxBatch, Checkpointer checkpointer)
      throws SQLException {
    this.connection = connection;
    this.checkpointer = checkpointer;
    this.sql = new WriteSql(connection);
    this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
    this.savepoint = connection.prepareStatement("SAVEPOINT w");
    this.rollbackTo = connection.prepareStatement("ROLLBACK TO w");
    this.releaseSavepoint = connection.prepareStatement("RELEASE w");
    this.commit = connection.prepareStatement("COMMIT");
    this.path = path;
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::loop, "durable-sqlite-writer");
    thread.setDaemon(true); // a store the application forgot to close must not keep the JVM alive
    thread.start();
  }

  /**
   * Queues {@code task} and waits until the transaction holding it committed (or failed). An
   * interrupt does not abandon the wait: the write may commit anyway, and the caller must learn
   * its real outcome; the interrupt flag is restored afterwards.
   */
  <T> T submit(Task<T> task) {
    CompletableFuture<T> done = new CompletableFuture<>();
    synchronized (this) { // so that no write slips in behind STOP
      if (closed) {
        throw new IllegalStateException("The store " + path + " is closed.");
      }
      queue.add(new Pending<>(task, done));
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new StoreException("Writing to " + path + " failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {writes, transactions, largest batch} so far. */
  long[] stats() {
    return new long[] {writes.get(), transactions.get(), largestBatch};
  }

  private void loop() {
    List<Pending<?>> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(next());
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, after draining
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP);
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
      if (stop && queue.isEmpty()) {
        return;
      }
    }
  }

  /**
   * The next queued write. Spins briefly before parking: a sequential run queues its next
   * checkpoint a few tens of microseconds after the last one was acknowledged, and waking a parked
   * thread costs about as much again (performance-limits.md §2.6).
   */
  private Pending<?> next() throws InterruptedException {
    Pending<?> p = queue.poll();
    if (p != null) {
      return p;
    }
    long until = System.nanoTime() + SPIN_NANOS;
    while (System.nanoTime() < until) {
      p = queue.poll();
      if (p != null) {
        return p;
      }
      Thread.onSpinWait();
    }
    return queue.take();
  }

  private void commit(List<Pending<?>> batch) {
    Object[] results = new Object[batch.size()];
    RuntimeException[] failures = new RuntimeException[batch.size()];
    boolean shared = batch.size() > 1;
    try {
      begin.execute();
      try {
        for (int i = 0; i < batch.size(); i++) {
          if (shared) {
            savepoint.execute();
          }
          try {
            results[i] = batch.get(i).task().run(sql);
          } catch (SQLException | RuntimeException e) {
            failures[i] = failure(e);
            if (!shared) {
              throw e;
            }
            rollbackTo.execute();
          }
          if (shared) {
            releaseSavepoint.execute();
          }
        }
        commit.execute();
      } catch (SQLException | RuntimeException e) {
        rollback();
        RuntimeException whole = failures[0] != null && !shared ? failures[0] : failure(e);
        java.util.Arrays.fill(failures, whole);
      }
    } catch (SQLException e) {
      java.util.Arrays.fill(failures, failure(e)); // BEGIN failed: locked beyond the busy timeout
    }
    checkpointer.committed();
    transactions.incrementAndGet();
    writes.addAndGet(batch.size());
    largestBatch = Math.max(largestBatch, batch.size());
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results[i], failures[i]);
    }
    checkpointer.finishIfDue(connection, batch.size()); // after the acknowledgements: off their path
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Pending<T> p, Object result, RuntimeException failure) {
    if (failure != null) {
      p.done().completeExceptionally(failure);
    } else {
      p.done().complete((T) result);
    }
  }

  private void rollback() {
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left to roll back (SQLite rolled it back itself after an I/O error)
    }
  }

  private RuntimeException failure(Exception e) {
    if (e instanceof StoreConflictException || e instanceof StoreException) {
      return (RuntimeException) e;
    }
    if (e instanceof SQLException q) {
      return SqlErrors.translate(q, path, "writing");
    }
    return (RuntimeException) e;
  }

  /** Stops taking writes, commits what is queued, and closes the write connection. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      sql.close();
      for (PreparedStatement p : List.of(begin, savepoint, rollbackTo, releaseSavepoint, commit)) {
        p.close();
      }
      connection.close();
    } catch (SQLException e) {
      throw SqlErrors.translate(e, path, "closing");
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
