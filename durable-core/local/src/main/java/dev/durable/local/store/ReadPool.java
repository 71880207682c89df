package dev.durable.local.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few read connections, each used by one thread at a time. WAL lets them read while the writer
 * commits; a read sees every transaction committed before it started, so a caller reads its own
 * acknowledged writes. A JDBC connection is not safe for concurrent use, hence the pool.
 */
final class ReadPool implements AutoCloseable {
  /** A work item on one read connection. */
  interface Read<T> {
    T run(Reader r) throws SQLException;
  }

  /** One connection and its prepared statements, keyed by SQL text. */
  static final class Reader {
    final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Reader(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement s = statements.get(sql);
      if (s == null) {
        s = connection.prepareStatement(sql);
        statements.put(sql, s);
      }
      return s;
    }

    void close() throws SQLException {
      for (PreparedStatement s : statements.values()) {
        s.close();
      }
      connection.close();
    }
  }

  private final ArrayBlockingQueue<Reader> idle;
  private final List<Reader> all = new ArrayList<>();
  private final String path;
  private volatile boolean closed;

  ReadPool(List<Connection> connections, String path) {
    this.idle = new ArrayBlockingQueue<>(connections.size());
    this.path = path;
    for (Connection c : connections) {
      Reader r = new Reader(c);
      all.add(r);
      idle.add(r);
    }
  }

  /** Runs {@code read} on an idle connection, waiting for one if all are busy. */
  <T> T read(Read<T> read) {
    Reader r = null;
    while (r == null) {
      if (closed) {
        throw new IllegalStateException("The store " + path + " is closed.");
      }
      try {
        r = idle.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("Interrupted while waiting for a read connection to " + path, e);
      }
    }
    if (closed) {
      idle.add(r);
      throw new IllegalStateException("The store " + path + " is closed.");
    }
    try {
      return read.run(r);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, path, "reading");
    } finally {
      idle.add(r);
    }
  }

  /** Closes every connection, waiting (briefly) for reads in flight to hand theirs back. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = 0; i < all.size(); i++) {
      try {
        if (idle.poll(10, TimeUnit.SECONDS) == null) {
          break; // a read hangs: close anyway, it will fail
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Reader r : all) {
      try {
        r.close();
      } catch (SQLException e) {
        // closing a read connection loses nothing
      }
    }
  }
}
