package dev.durable.local.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Switches the write connection between {@code synchronous=FULL} and {@code NORMAL} around a
 * relaxed batch (see {@link GroupCommitWriter}). Always through a fresh statement, never a prepared
 * one kept for reuse: SQLite applies this pragma when it is prepared, not when it runs, so a kept
 * statement would change nothing when run again (and preparing one for later had switched the
 * connection at once: a RELAXED store fsynced every commit).
 */
final class SyncLevel {
  private SyncLevel() {}

  static void set(Connection c, String level) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA synchronous = " + level);
    }
  }

  /** The current level: 1 NORMAL, 2 FULL. */
  static int get(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }
}
