package dev.durable.local.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies the WAL back into the database file on its own thread and connection. SQLite would
 * otherwise checkpoint inside whichever commit crosses 1000 WAL pages: that commit would
 * then copy megabytes and fsync the database file while every queued checkpoint waits. A PASSIVE
 * checkpoint runs beside the writer and readers and never blocks them.
 *
 * <p>Rewinding the WAL needs one more thing: SQLite restarts it only when a write transaction
 * begins while every frame is already copied. Under steady load the background pass never gets
 * there (commits land while it copies), so the WAL grew without bound: 500 MB in a minute of the
 * T3 bench, and every append to a growing file made the kernel allocate and zero blocks (a third
 * of the writer's CPU in a profile) and made each fsync also write the file's size (an append +
 * fsync measured ~1.6x an overwrite + fsync here). So every {@link #FINISH_WRITES} writes (or
 * {@link #FINISH_TRANSACTIONS} transactions), the writer itself runs a PASSIVE checkpoint between
 * its transactions ({@link #finishIfDue}): the background pass has copied most pages already,
 * nothing can commit meanwhile, so it completes, and the next transaction overwrites the WAL from
 * its start. Each one holds up the writer (copying, two fsyncs): every 1024 writes cost the
 * 64-run bench ~30% of its throughput, every 8192 costs a few percent, and bounds the WAL at
 * ~170 MB under that bench's continuous load (~25 MB for one sequential run).
 */
final class Checkpointer implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;
  /** Writes between the writer's own checkpoints (2-6 WAL frames each, fewer when batched). */
  static final int FINISH_WRITES = 8192;
  /** Transactions between them, for sequential runs: keeps their WAL small and in the page cache. */
  static final int FINISH_TRANSACTIONS = 1024;

  private final Connection connection;
  private final boolean enabled;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean dirty;
  private boolean closed;
  private volatile long checkpoints;
  private int writesSinceFinish;
  private int transactionsSinceFinish;

  Checkpointer(Connection connection, boolean enabled) {
    this.connection = connection;
    this.enabled = enabled;
    this.thread = new Thread(this::loop, "durable-sqlite-checkpointer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called after a commit: there is something to copy. */
  void committed() {
    if (enabled && lock.tryLock()) { // never make the writer wait for this thread
      try {
        dirty = true;
        changed.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Called by the writer between transactions, holding the only write connection: after enough
   * writes, checkpoints on {@code writer} so that the WAL rewinds at the next transaction. A
   * checkpoint that could not complete (the background pass held the checkpoint lock, or a
   * reader of another process still uses old frames) is retried after a few more transactions.
   */
  void finishIfDue(Connection writer, int writes) {
    if (!enabled) {
      return;
    }
    writesSinceFinish += writes;
    transactionsSinceFinish++;
    if (writesSinceFinish < FINISH_WRITES && transactionsSinceFinish < FINISH_TRANSACTIONS) {
      return;
    }
    boolean complete = false;
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      // columns: busy, frames in the WAL, frames copied
      complete = rs.next() && rs.getInt(1) == 0 && rs.getLong(2) == rs.getLong(3);
    } catch (SQLException e) {
      // nothing lost: the frames stay in the WAL
    }
    if (complete) {
      writesSinceFinish = 0;
      transactionsSinceFinish = 0;
    } else {
      writesSinceFinish = FINISH_WRITES - FINISH_WRITES / 8;
      transactionsSinceFinish = FINISH_TRANSACTIONS - FINISH_TRANSACTIONS / 8;
    }
  }

  long checkpoints() {
    return checkpoints;
  }

  private void loop() {
    while (true) {
      lock.lock();
      try {
        while (!dirty && !closed) {
          changed.await();
        }
        if (closed) {
          return;
        }
        dirty = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        rs.next();
        checkpoints++;
      } catch (SQLException e) {
        // a busy or failed checkpoint loses nothing: the pages stay in the WAL until the next one
      }
      try {
        TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS); // batch the copying of hot pages
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
    try {
      thread.join(10_000);
      connection.close();
    } catch (InterruptedException | SQLException e) {
      Thread.currentThread().interrupt();
    }
  }
}
