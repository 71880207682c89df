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
 * otherwise checkpoint inside whichever commit crosses 1000 WAL pages: the writer thread would
 * then copy megabytes and fsync the database file while every queued checkpoint waits. A PASSIVE
 * checkpoint runs beside the writer and readers and never blocks them; once it has caught up,
 * the next commit rewinds the WAL, which is then overwritten in place rather than grown (an
 * fdatasync that does not change the file's size is cheaper).
 */
final class Checkpointer implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;

  private final Connection connection;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean dirty;
  private boolean closed;
  private volatile long checkpoints;

  Checkpointer(Connection connection) {
    this.connection = connection;
    this.thread = new Thread(this::loop, "durable-sqlite-checkpointer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called after a commit: there is something to copy. */
  void committed() {
    if (lock.tryLock()) { // never make the writer wait for this thread
      try {
        dirty = true;
        changed.signal();
      } finally {
        lock.unlock();
      }
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
