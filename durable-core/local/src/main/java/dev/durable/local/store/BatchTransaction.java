package dev.durable.local.store;

import dev.durable.core.service.StoreConflictException;
import dev.durable.local.store.GroupCommitWriter.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One batch's transaction on the write connection, for {@link GroupCommitWriter} (which holds its
 * committer lock around every call). No savepoints: {@link WriteSql} refuses a write (version
 * conflict, name taken) before it changes anything, so a refused write fails alone and the rest
 * commit. Any other failure inside a shared transaction rolls it back and retries each write in its
 * own transaction, so a failed write still fails only its caller. Transactions start IMMEDIATE,
 * taking SQLite's write lock up front: every check a write makes holds against other processes
 * until the commit.
 *
 * <p>A batch of only relaxed tasks (lease changes) commits with {@code synchronous=NORMAL}: no
 * fsync of its own. It survives a process crash (it is in the OS's page cache) and the next STRICT
 * commit's fsync makes it durable too, as the WAL is one file written in order; only a power loss
 * before that can lose it.
 */
final class BatchTransaction implements AutoCloseable {
  private final Connection connection;
  private final WriteSql sql;
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final boolean strict;
  private final String path;
  private RuntimeException broken; // set if STRICT could not be restored: every later batch fails

  BatchTransaction(Connection connection, String path, boolean strict) throws SQLException {
    this.connection = connection;
    this.sql = new WriteSql(connection);
    this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
    this.commit = connection.prepareStatement("COMMIT");
    this.strict = strict;
    this.path = path;
  }

  Connection connection() {
    return connection;
  }

  /** Runs the batch, recording each task's outcome; never throws. */
  void run(List<Pending> batch) {
    if (!runShared(batch)) {
      for (Pending p : batch) { // a write failed midway: each alone, so it fails only itself
        runShared(List.of(p));
      }
    }
  }

  /**
   * Runs the tasks in one transaction. Returns false, having rolled back and recorded nothing, if
   * a task failed in a way that may have left part of its changes (then the caller retries each
   * task alone); a single task's failure is recorded as its outcome.
   */
  private boolean runShared(List<Pending> batch) {
    if (broken != null) {
      batch.forEach(p -> p.out().failure = broken);
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
      batch.forEach(p -> p.out().failure = f);
      restoreFull(relax);
      return true;
    }
    try {
      for (Pending p : batch) {
        p.out().failure = null;
        try {
          p.out().result = p.task().run(sql);
        } catch (StoreConflictException e) {
          p.out().failure = e; // refused before it changed anything: the others still commit
        }
      }
      commit.execute();
      return true;
    } catch (Exception | Error e) { // an Error too: no waiting caller may be left unanswered
      rollback();
      if (!alone) {
        batch.forEach(p -> p.out().result = null);
        return false;
      }
      batch.get(0).out().failure = failure(e);
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

  private void rollback() {
    sql.forgetRows(); // they may describe rows this transaction never committed
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

  @Override
  public void close() throws SQLException {
    sql.close();
    begin.close();
    commit.close();
    connection.close();
  }
}
