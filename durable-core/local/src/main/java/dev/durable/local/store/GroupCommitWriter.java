package dev.durable.local.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's only writer: one committer at a time owns the write connection, takes whatever writes
 * are queued (up to {@code maxBatch}) and commits them in ONE transaction, so one fsync acknowledges
 * them all. That is what turns ~6k durable commits/s into tens of thousands at 64-way concurrency
 * (see performance-limits.md §2.3); many SQLite writer connections instead wait on each other's
 * locks.
 *
 * <p>Caller-runs when idle: a caller that finds the writer thread asleep, no write queued and no
 * commit running commits its own write on its own thread. A sequential run therefore pays no thread hand-off: through the
 * writer thread it paid two per checkpoint (waking the writer, then being woken back), about 50 us
 * of a 300 us step on this VM. Otherwise the write is queued for the writer thread, which commits
 * back to back while writes keep coming, so group commit under load is as before. The
 * {@link #committer} lock keeps it one writer at a time.
 *
 * <p>How one batch commits (no savepoints; relaxed batches without an fsync of their own) is
 * {@link BatchTransaction}'s part.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** A unit of work on the writer connection. */
  interface Task<T> {
    T run(WriteSql sql) throws SQLException;
  }

  /** A queued task, its outcome, and the thread that waits for it. */
  record Pending(Task<?> task, boolean relaxed, Thread waiter, Outcome out) {}

  /** Written by the committer; {@code done} is set last, so a waiter that sees it sees the rest. */
  static final class Outcome {
    Object result;
    RuntimeException failure;
    volatile boolean done;
  }

  private static final Pending STOP = new Pending(null, false, null, null);
  private static final long SPIN_NANOS = 50_000;
  private final BatchTransaction tx;
  private final Checkpointer checkpointer;
  private final String path;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final ReentrantLock committer = new ReentrantLock();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private volatile int largestBatch;
  private volatile boolean closed;
  private volatile boolean idle; // the writer thread sleeps: nothing was queued for a while

  GroupCommitWriter(Connection connection, String path, int maxBatch, boolean strict,
      Checkpointer checkpointer) throws SQLException {
    this.tx = new BatchTransaction(connection, path, strict);
    this.checkpointer = checkpointer;
    this.thread = new Thread(this::loop, "durable-sqlite-writer");
    thread.setDaemon(true); // a store the application forgot to close must not keep the JVM alive
    this.path = path;
    this.maxBatch = maxBatch;
    thread.start();
  }

  /**
   * Returns once the transaction holding {@code task} committed (or failed): committed on this
   * thread if nothing is queued and no commit runs, else by the writer thread. An
   * interrupt does not abandon the wait: the write may commit anyway, and the caller must learn
   * its real outcome; the interrupt flag is restored afterwards.
   */
  <T> T submit(Task<T> task) {
    return submit(task, false);
  }

  /** {@link #submit} for a change a power loss may lose: no fsync of its own (see class doc). */
  <T> T submitRelaxed(Task<T> task) {
    return submit(task, true);
  }

  @SuppressWarnings("unchecked")
  private <T> T submit(Task<T> task, boolean relaxed) {
    Pending p = new Pending(task, relaxed, Thread.currentThread(), new Outcome());
    boolean inline;
    synchronized (this) { // so that no write slips in behind close()
      if (closed) {
        throw new IllegalStateException("The store " + path + " is closed.");
      }
      // only while the writer sleeps: under load a caller's lone commit would split the groups
      inline = idle && queue.isEmpty() && committer.tryLock();
      if (!inline) {
        queue.add(p);
      }
    }
    if (inline) {
      try {
        commit(List.of(p));
      } finally {
        committer.unlock();
      }
    }
    boolean interrupted = false;
    while (!p.out.done) {
      LockSupport.park(this); // the writer thread acknowledges us
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (p.out.failure != null) {
      throw p.out.failure;
    }
    return (T) p.out.result;
  }

  /** The writer thread: commits queued writes back to back, a batch per transaction. */
  private void loop() {
    List<Pending> batch = new ArrayList<>();
    boolean stopping = false;
    while (!(stopping && queue.isEmpty())) {
      Pending next;
      try {
        next = stopping ? queue.poll() : next();
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, after draining
      }
      do {
        if (next == STOP) {
          stopping = true;
        } else if (next != null) {
          batch.add(next);
        }
      } while (batch.size() < maxBatch && (next = queue.poll()) != null);
      if (!batch.isEmpty()) {
        committer.lock(); // a caller may be committing its own write inline
        try {
          commit(batch);
        } finally {
          committer.unlock();
        }
        batch.clear();
      }
    }
  }

  /** The next queued write; spins briefly first, as writes under load follow each other closely. */
  private Pending next() throws InterruptedException {
    long until = System.nanoTime() + SPIN_NANOS;
    do {
      Pending p = queue.poll();
      if (p != null) {
        return p;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < until);
    idle = true;
    try {
      return queue.take();
    } finally {
      idle = false;
    }
  }

  long[] stats() { // {writes, transactions, largest batch} so far
    return new long[] {writes.get(), transactions.get(), largestBatch};
  }

  private void commit(List<Pending> batch) {
    tx.run(batch);
    checkpointer.committed();
    transactions.incrementAndGet();
    writes.addAndGet(batch.size());
    largestBatch = Math.max(largestBatch, batch.size());
    for (Pending p : batch) {
      p.out.done = true;
      if (p.waiter() != Thread.currentThread()) {
        LockSupport.unpark(p.waiter());
      }
    }
    checkpointer.finishIfDue(tx.connection(), batch.size()); // after the acknowledgements: off their path
  }



  /** The write connection's {@code PRAGMA synchronous} (1 NORMAL, 2 FULL), for tests. */
  int synchronousLevel() {
    committer.lock();
    try {
      return SyncLevel.get(tx.connection());
    } catch (SQLException e) {
      throw SqlErrors.translate(e, path, "reading");
    } finally {
      committer.unlock();
    }
  }



  /** Stops taking writes, commits what is queued, and closes the write connection. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    queue.add(STOP);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join(); // it commits everything queued before STOP
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    committer.lock(); // waits for an inline commit still running
    try {
      tx.close();
    } catch (SQLException e) {
      throw SqlErrors.translate(e, path, "closing");
    } finally {
      committer.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
