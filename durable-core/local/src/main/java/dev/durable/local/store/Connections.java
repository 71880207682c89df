package dev.durable.local.store;

import dev.durable.local.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens SQLite connections with the store's settings. */
final class Connections {
  private static final int WRITE_CACHE_KIB = 64 * 1024;
  private static final int READ_CACHE_KIB = 16 * 1024;

  private Connections() {}

  /**
   * WAL (readers never block the writer), synchronous FULL for STRICT (the WAL is fsynced at every
   * commit) or NORMAL for RELAXED (fsynced only at checkpoints: a process crash loses nothing, a
   * power loss may lose the last commits), and a busy timeout so that another process holding the
   * write lock for a moment delays a write instead of failing it. Transactions are explicit (BEGIN
   * IMMEDIATE on the writer), so JDBC auto-commit stays on and no connection sits in an open
   * transaction while idle.
   */
  static Connection open(Path file, SqliteStoreOptions options, boolean readOnly)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(options.durability() == Durability.STRICT
        ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) options.busyTimeout().toMillis());
    // otherwise sqlite-jdbc prepares and runs "SELECT last_insert_rowid()" after every update
    config.setGetGeneratedKeys(false);
    // SQLite's default page cache is 2 MB per connection: with thousands of runs their rows and
    // index pages no longer fit, and every write re-read them with a pread (most of the committer's
    // time with 15k suspended runs in the T13 bench). Native memory, used only as the file grows.
    config.setCacheSize(readOnly ? -READ_CACHE_KIB : -WRITE_CACHE_KIB);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    if (readOnly) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA query_only = 1"); // a read connection must never write by mistake
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }
}
