package dev.durable.local.store;

import dev.durable.core.service.StoreConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * <p>Leader/follower: there is no writer thread. A caller queues its write and, if no commit is
 * running, becomes the committer itself (the leader) for everything queued; callers that arrive
 * during a commit park and are acknowledged by it, or the next one. A sequential run therefore
 * commits on its own thread: a dedicated writer cost it two thread hand-offs per checkpoint (one
 * to wake the writer, one to wake the caller back), about 50 us of a 300 us step on this VM. A
 * leader keeps committing while writes are queued (up to {@link #MAX_LEADER_BATCHES} batches, so
 * no caller serves others for long), then wakes the oldest waiter to take over.
 *
 * <p>Batches carry no savepoints: {@link WriteSql} refuses a write (version conflict, name taken)
 * before it changes anything, so a refused write fails alone and the rest commit. Any other failure
 * inside a shared transaction rolls it back and retries each write in its own transaction, so a
 * failed write still fails only its caller. Transactions start IMMEDIATE, taking SQLite's write
 * lock up front: every check a write makes holds against other processes until the commit.
 *
 * <p>A batch of only {@linkplain #submitRelaxed relaxed} tasks (lease changes) commits with
 * {@code synchronous=NORMAL}: no fsync of its own. It survives a process crash (it is in the OS's
 * page cache) and the next STRICT commit's fsync makes it durable too, as the WAL is one file
 * written in order; only a power loss before that can lose it.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** A unit of work on the writer connection. */
  interface Task<T> {
    T run(WriteSql sql) throws SQLException;
  }

  /** A queued task, its outcome, and the thread that waits for it. */
  private record Pending(Task<?> task, boolean relaxed, Thread waiter, Outcome out) {}

  /** Written by the committer; {@code done} is set last, so a waiter that sees it sees the rest. */
  private static final class Outcome {
    Object result;
    RuntimeException failure;
    volatile boolean done;
  }

  static final int MAX_LEADER_BATCHES = 8;
  private final Connection connection;
  private final WriteSql sql;
  private final Checkpointer checkpointer;
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final boolean strict;
  private final String path;
  private final int maxBatch;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock committer = new ReentrantLock();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private volatile int largestBatch;
  private volatile boolean closed;
  private RuntimeException broken; // set, under the committer, if STRICT could not be restored

  GroupCommitWriter(Connection connection, String path, int maxBatch, boolean strict,
      Checkpointer checkpointer) throws SQLException {
    this.connection = connection;
    this.checkpointer = checkpointer;
    this.sql = new WriteSql(connection);
    this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
    this.commit = connection.prepareStatement("COMMIT");
    this.strict = strict;
    this.path = path;
    this.maxBatch = maxBatch;
  }

  /**
   * Queues {@code task} and returns once the transaction holding it committed (or failed),
   * committing it (and whatever else is queued) on this thread if no commit is running. An
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
    synchronized (this) { // so that no write slips in behind close()
      if (closed) {
        throw new IllegalStateException("The store " + path + " is closed.");
      }
      queue.add(p);
    }
    boolean interrupted = false;
    while (!p.out.done) {
      if (committer.tryLock()) {
        try {
          lead(p);
        } finally {
          committer.unlock();
        }
        wakeNextLeader();
      } else {
        LockSupport.park(this); // the committer acknowledges us, or wakes us to lead
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (p.out.failure != null) {
      throw p.out.failure;
    }
    return (T) p.out.result;
  }

  /**
   * After releasing the committer: writes queued meanwhile belong to callers that found it taken
   * and parked, so one of them must lead next. Every release runs this, so none is stranded.
   */
  private void wakeNextLeader() {
    Pending head = queue.peek();
    if (head != null) {
      LockSupport.unpark(head.waiter());
    }
  }

  /** Holding the committer: commits batches until {@code own} is done and the leader's turn is up. */
  private void lead(Pending own) {
    List<Pending> batch = new ArrayList<>();
    for (int round = 0; ; round++) {
      if (own != null && own.out.done && round >= MAX_LEADER_BATCHES) {
        return;
      }
      Pending next;
      while (batch.size() < maxBatch && (next = queue.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        return;
      }
      commit(batch);
      batch.clear();
    }
  }

  long[] stats() { // {writes, transactions, largest batch} so far
    return new long[] {writes.get(), transactions.get(), largestBatch};
  }

  private void commit(List<Pending> batch) {
    if (!runShared(batch)) {
      for (Pending p : batch) { // a write failed midway: each alone, so it fails only itself
        runShared(List.of(p));
      }
    }
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
    checkpointer.finishIfDue(connection, batch.size()); // after the acknowledgements: off their path
  }

  /**
   * Runs the tasks in one transaction. Returns false, having rolled back and recorded nothing, if
   * a task failed in a way that may have left part of its changes (then the caller retries each
   * task alone); a single task's failure is recorded as its outcome.
   */
  private boolean runShared(List<Pending> batch) {
    if (broken != null) {
      batch.forEach(p -> p.out.failure = broken);
      return true;
    }
    boolean alone = batch.size() == 1;
    boolean relax = strict && batch.stream().allMatch(p -> p.relaxed());
    try {
      if (relax) {
        SyncLevel.set(connection, "NORMAL");
      }
      begin.execute();
    } catch (SQLException e) {
      RuntimeException f = failure(e); // locked by another process beyond the busy timeout
      batch.forEach(p -> p.out.failure = f);
      restoreFull(relax);
      return true;
    }
    try {
      for (Pending p : batch) {
        p.out.failure = null;
        try {
          p.out.result = p.task().run(sql);
        } catch (StoreConflictException e) {
          p.out.failure = e; // refused before it changed anything: the others still commit
        }
      }
      commit.execute();
      return true;
    } catch (Exception | Error e) { // an Error too: a follower must never be left unanswered
      rollback();
      if (!alone) {
        batch.forEach(p -> p.out.result = null);
        return false;
      }
      batch.get(0).out.failure = failure(e);
      return true;
    } finally {
      restoreFull(relax);
    }
  }

  /**
   * Back to fsync-per-commit after a relaxed batch. If that fails, later commits would not be
   * durable: every later write fails instead (with this error), never silently.
   */
  private void restoreFull(boolean relaxed) {
    try {
      if (relaxed) {
        SyncLevel.set(connection, "FULL");
      }
    } catch (SQLException e) {
      broken = SqlErrors.translate(e, path, "restoring synchronous=FULL on");
    }
  }

  /** The write connection's {@code PRAGMA synchronous} (1 NORMAL, 2 FULL), for tests. */
  int synchronousLevel() {
    committer.lock();
    try {
      return SyncLevel.get(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, path, "reading");
    } finally {
      committer.unlock();
    }
  }

  private void rollback() {
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) { // none left to roll back: SQLite did it after an I/O error
    }
  }

  private RuntimeException failure(Throwable e) {
    if (e instanceof SQLException q) {
      return SqlErrors.translate(q, path, "writing");
    }
    if (e instanceof RuntimeException r) {
      return r;
    }
    return new StoreException("Writing to " + path + " failed: " + e, e);
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
    committer.lock(); // waits for a running commit; its leader may still be serving others
    try {
      lead(null);
      sql.close();
      begin.close();
      commit.close();
      connection.close();
    } catch (SQLException e) {
      throw SqlErrors.translate(e, path, "closing");
    } finally {
      committer.unlock();
    }
  }
}
