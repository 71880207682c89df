package dev.durable.local.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned schema and its migrations. {@link #MIGRATIONS}{@code [v-1]} takes a database from
 * version {@code v-1} to {@code v}; a new version appends a step and never edits an old one, so a
 * file of any older version is migrated on open, step by step, in one transaction.
 *
 * <p>Why these tables: {@code executions} carries the row plus version and lease; the service's
 * lookups are partial indexes on it (due timers and invocation requests of RUNNING executions
 * only, so they stay as small as the work to do). {@code execution_names} and {@code callbacks}
 * are write-once maps, exactly like the reference store's {@code putIfAbsent} indexes: a later
 * write never moves a name or callback id. Operations keep the payload apart from the small
 * remainder, so a replay never JSON-unescapes a result.
 *
 * <p>Every page a commit changes is one 4 KB WAL frame written and fsynced, so the hot path (a
 * step's checkpoint) is kept to few pages and statements. Version 2 took it from about 8 frames
 * and 4 statements to about 3 and 2 (T1 in docs/performance.md):
 *
 * <ul>
 *   <li>Executions get a stable integer key ({@code seq}). An operation's key is
 *       {@code seq << 32 | start_seq} and an event's {@code seq << 32 | event_id}, in rowid
 *       tables: one execution's operations (and its events) are one range in order, a new one is
 *       appended at the end of its range, and a load is one range scan, already in start order.
 *       Version 1 kept a unique index on (execution, operation id), whose random SHA-256 ids split
 *       index pages (1.5 frames per step), and an index on the events' execution (one more).
 *   <li>The events of the write that creates an operation are kept in that operation's row
 *       ({@code events}, a JSON array), so a step's checkpoint (the step created, started and
 *       succeeded at once) inserts one row. Events of later changes go to the events table.
 *   <li>An event whose payload is its operation's final payload (a step's {@code StepSucceeded},
 *       ~1 KB) does not store it again: bit i of the row's {@code events_shared} marks the i-th
 *       event of the row, {@code op_seq} an event in the events table.
 * </ul>
 *
 * <p>Version 3 stores operations in insertion order ({@code row_seq}, an integer primary key
 * that SQLite assigns as the largest plus one) and finds them by {@code key} through a unique
 * index. With version 2's layout, 64 runs that checkpoint at once insert into 64 places in the
 * middle of the table's B-tree; a row of ~1.7 KB fills half a page, so about every other insert
 * split a leaf, and a write cost ~3.8 WAL frames. Now rows are appended at the right edge and only
 * the index's small entries go into the middle: ~1.2 frames per write in that workload (a
 * sequential run pays one more frame than before, the index leaf: ~4 instead of ~3). A load still
 * reads one execution's operations in start order without a sort (the index is in key order), and
 * a sequential run's rows stay adjacent. Events keep version 2's key: most writes that create
 * operations carry their events in the row, so the events table takes few inserts.
 *
 * <p>The execution row's indexed columns rarely change (see {@link WriteSql}). An operation keeps
 * its start position for life (the service assigns it once): that is what makes it part of the
 * key.
 */
final class Schema {
  /** The version this build writes. */
  static final int CURRENT = 3;

  // Version 1's tables that version 2 keeps as they are.
  private static final String MIGRATIONS_V1_SCHEMA_VERSION =
      "CREATE TABLE schema_version(version INTEGER NOT NULL, written_by TEXT NOT NULL) STRICT";
  private static final String MIGRATIONS_V1_NAMES = "CREATE TABLE execution_names("
      + "function_name TEXT NOT NULL, execution_name TEXT NOT NULL, execution_id TEXT NOT NULL,"
      + " PRIMARY KEY(function_name, execution_name)) STRICT, WITHOUT ROWID";
  private static final String MIGRATIONS_V1_CALLBACKS = "CREATE TABLE callbacks("
      + "callback_id TEXT PRIMARY KEY, execution_id TEXT NOT NULL) STRICT, WITHOUT ROWID";
  // Version 2's tables, named by the caller: the migration creates them beside version 1's, a new
  // file creates them with their final names (a new file gets no free pages of dropped tables).
  private static final String EXECUTIONS = "CREATE TABLE %s(seq INTEGER PRIMARY KEY,"
      + " id TEXT NOT NULL UNIQUE, arn TEXT, function_name TEXT, execution_name TEXT,"
      + " status TEXT NOT NULL, input TEXT,"
      + " result TEXT, error TEXT, start_ns INTEGER, end_ns INTEGER, timeout_ns INTEGER,"
      + " token_seq INTEGER NOT NULL, seen_change_seq INTEGER NOT NULL,"
      + " change_seq INTEGER NOT NULL, op_seq INTEGER NOT NULL, event_count INTEGER NOT NULL,"
      + " wake_ns INTEGER, invocation_requested INTEGER NOT NULL,"
      + " invocation_active INTEGER NOT NULL, invocation_started_ns INTEGER,"
      + " parent_execution_id TEXT, parent_operation_id TEXT, request_order INTEGER,"
      + " version INTEGER NOT NULL, lease_owner TEXT, lease_until_ns INTEGER) STRICT";
  private static final String OPERATIONS_V2 = "CREATE TABLE %s(key INTEGER PRIMARY KEY,"
      + " op_id TEXT NOT NULL, start_seq INTEGER NOT NULL, change_seq INTEGER NOT NULL,"
      + " parent_id TEXT, name TEXT,"
      + " type TEXT NOT NULL, sub_type TEXT, status TEXT NOT NULL, start_ns INTEGER,"
      + " end_ns INTEGER, shape INTEGER NOT NULL, attempt INTEGER NOT NULL, callback_id TEXT,"
      + " timeout_ns INTEGER, heartbeat_ns INTEGER, heartbeat_seconds INTEGER NOT NULL,"
      + " child_execution_id TEXT, pending_invoke INTEGER NOT NULL, payload TEXT,"
      + " details BLOB, events BLOB, events_shared INTEGER) STRICT";
  private static final String EVENTS = "CREATE TABLE %s(key INTEGER PRIMARY KEY, op_seq INTEGER,"
      + " event BLOB NOT NULL) STRICT";
  private static final String OPERATIONS_INDEX = "CREATE INDEX operations_pending_invoke"
      + " ON operations(pending_invoke) WHERE pending_invoke = 1";
  // Version 3: rows in insertion order (row_seq, assigned max + 1 by SQLite), found by key through
  // a unique index whose ~14-byte entries (~250 to a leaf) rarely split a page.
  private static final String OPERATIONS = "CREATE TABLE %s(row_seq INTEGER PRIMARY KEY,"
      + " key INTEGER NOT NULL, op_id TEXT NOT NULL, start_seq INTEGER NOT NULL,"
      + " change_seq INTEGER NOT NULL, parent_id TEXT, name TEXT,"
      + " type TEXT NOT NULL, sub_type TEXT, status TEXT NOT NULL, start_ns INTEGER,"
      + " end_ns INTEGER, shape INTEGER NOT NULL, attempt INTEGER NOT NULL, callback_id TEXT,"
      + " timeout_ns INTEGER, heartbeat_ns INTEGER, heartbeat_seconds INTEGER NOT NULL,"
      + " child_execution_id TEXT, pending_invoke INTEGER NOT NULL, payload TEXT,"
      + " details BLOB, events BLOB, events_shared INTEGER) STRICT";
  private static final String OPERATIONS_BY_KEY =
      "CREATE UNIQUE INDEX operations_by_key ON operations(key)";
  /** Every column of version 2's operations, which version 3's keeps after row_seq. */
  private static final String OPERATIONS_V2_COLUMNS = "key, op_id, start_seq, change_seq,"
      + " parent_id, name, type, sub_type, status, start_ns, end_ns, shape, attempt, callback_id,"
      + " timeout_ns, heartbeat_ns, heartbeat_seconds, child_execution_id, pending_invoke,"
      + " payload, details, events, events_shared";
  private static final String[] EXECUTIONS_INDEXES = {
    "CREATE INDEX executions_wake ON executions(wake_ns, id)"
        + " WHERE status = 'RUNNING' AND wake_ns IS NOT NULL",
    "CREATE INDEX executions_requested ON executions(request_order)"
        + " WHERE status = 'RUNNING' AND invocation_requested = 1",
    "CREATE INDEX executions_by_start ON executions(start_ns)",
    "CREATE INDEX executions_by_status ON executions(status, start_ns)",
    "CREATE INDEX executions_by_function ON executions(function_name, start_ns)",
  };

  /** A new file: the current schema at once (the same as migrating an empty file step by step). */
  private static final String[] CREATE_CURRENT = {
    MIGRATIONS_V1_SCHEMA_VERSION,
    String.format(EXECUTIONS, "executions"),
    EXECUTIONS_INDEXES[0], EXECUTIONS_INDEXES[1], EXECUTIONS_INDEXES[2], EXECUTIONS_INDEXES[3],
    EXECUTIONS_INDEXES[4],
    MIGRATIONS_V1_NAMES,
    MIGRATIONS_V1_CALLBACKS,
    String.format(OPERATIONS, "operations"),
    OPERATIONS_BY_KEY,
    OPERATIONS_INDEX,
    String.format(EVENTS, "events"),
  };

  private static final String[][] MIGRATIONS = {
    { // 1: the initial schema
      MIGRATIONS_V1_SCHEMA_VERSION,
      "CREATE TABLE executions(id TEXT PRIMARY KEY, arn TEXT, function_name TEXT,"
          + " execution_name TEXT, status TEXT NOT NULL, input TEXT, result TEXT, error TEXT,"
          + " start_ns INTEGER, end_ns INTEGER, timeout_ns INTEGER, token_seq INTEGER NOT NULL,"
          + " seen_change_seq INTEGER NOT NULL, change_seq INTEGER NOT NULL,"
          + " op_seq INTEGER NOT NULL, event_count INTEGER NOT NULL, wake_ns INTEGER,"
          + " invocation_requested INTEGER NOT NULL, invocation_active INTEGER NOT NULL,"
          + " invocation_started_ns INTEGER, parent_execution_id TEXT, parent_operation_id TEXT,"
          + " request_order INTEGER, version INTEGER NOT NULL, lease_owner TEXT,"
          + " lease_until_ns INTEGER) STRICT",
      "CREATE INDEX executions_wake ON executions(wake_ns, id)"
          + " WHERE status = 'RUNNING' AND wake_ns IS NOT NULL",
      "CREATE INDEX executions_requested ON executions(request_order)"
          + " WHERE status = 'RUNNING' AND invocation_requested = 1",
      "CREATE INDEX executions_by_start ON executions(start_ns)",
      "CREATE INDEX executions_by_status ON executions(status, start_ns)",
      "CREATE INDEX executions_by_function ON executions(function_name, start_ns)",
      MIGRATIONS_V1_NAMES,
      MIGRATIONS_V1_CALLBACKS,
      "CREATE TABLE operations(execution_id TEXT NOT NULL, op_id TEXT NOT NULL,"
          + " start_seq INTEGER NOT NULL, change_seq INTEGER NOT NULL, parent_id TEXT, name TEXT,"
          + " type TEXT NOT NULL, sub_type TEXT, status TEXT NOT NULL, start_ns INTEGER,"
          + " end_ns INTEGER, shape INTEGER NOT NULL, attempt INTEGER NOT NULL, callback_id TEXT,"
          + " timeout_ns INTEGER, heartbeat_ns INTEGER, heartbeat_seconds INTEGER NOT NULL,"
          + " child_execution_id TEXT, pending_invoke INTEGER NOT NULL, payload TEXT,"
          + " details BLOB, UNIQUE(execution_id, op_id)) STRICT",
      "CREATE INDEX operations_pending_invoke ON operations(execution_id)"
          + " WHERE pending_invoke = 1",
      "CREATE TABLE events(execution_id TEXT NOT NULL, event_id INTEGER NOT NULL,"
          + " event BLOB NOT NULL) STRICT",
      "CREATE INDEX events_by_execution ON events(execution_id)",
    },
    { // 2: executions keyed by a stable integer; operations and events by it, without index
      String.format(EXECUTIONS, "executions_v2"),
      // version 1's columns are version 2's after seq, in the same order
      "INSERT INTO executions_v2 SELECT rowid, * FROM executions",
      String.format(EVENTS, "events_v2"),
      "INSERT INTO events_v2 SELECT (x.seq << 32) | e.event_id, NULL, e.event FROM events e"
          + " JOIN executions_v2 x ON x.id = e.execution_id",
      String.format(OPERATIONS_V2, "operations_v2"),
      "INSERT INTO operations_v2(key, op_id, start_seq, change_seq, parent_id, name, type,"
          + " sub_type, status, start_ns, end_ns, shape, attempt, callback_id, timeout_ns,"
          + " heartbeat_ns, heartbeat_seconds, child_execution_id, pending_invoke, payload,"
          + " details)"
          + " SELECT (x.seq << 32) | o.start_seq, o.op_id, o.start_seq,"
          + " o.change_seq, o.parent_id, o.name, o.type, o.sub_type, o.status, o.start_ns,"
          + " o.end_ns, o.shape, o.attempt, o.callback_id, o.timeout_ns, o.heartbeat_ns,"
          + " o.heartbeat_seconds, o.child_execution_id, o.pending_invoke, o.payload, o.details"
          + " FROM operations o JOIN executions_v2 x ON x.id = o.execution_id",
      "DROP TABLE operations",
      "ALTER TABLE operations_v2 RENAME TO operations",
      OPERATIONS_INDEX,
      "DROP TABLE events",
      "ALTER TABLE events_v2 RENAME TO events",
      "DROP TABLE executions",
      "ALTER TABLE executions_v2 RENAME TO executions",
      EXECUTIONS_INDEXES[0], EXECUTIONS_INDEXES[1], EXECUTIONS_INDEXES[2],
      EXECUTIONS_INDEXES[3], EXECUTIONS_INDEXES[4],
    },
    { // 3: operations in insertion order, found by key through an index
      String.format(OPERATIONS, "operations_v3"),
      // in key order, so that each execution's migrated rows stay together
      "INSERT INTO operations_v3(" + OPERATIONS_V2_COLUMNS + ") SELECT " + OPERATIONS_V2_COLUMNS
          + " FROM operations ORDER BY key",
      "DROP TABLE operations",
      "ALTER TABLE operations_v3 RENAME TO operations",
      OPERATIONS_BY_KEY,
      OPERATIONS_INDEX,
    },
  };

  private Schema() {}

  /**
   * Creates or migrates the schema on the writer connection, inside one IMMEDIATE transaction so
   * that two processes opening a fresh file at once cannot both create it. Refuses a database of
   * another program and one written by a newer version.
   */
  static void migrate(Connection c, String path) throws SQLException {
    migrate(c, path, CURRENT);
  }

  /** {@link #migrate(Connection, String)} up to {@code target}; tests build older files with it. */
  static void migrate(Connection c, String path, int target) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      boolean done = false;
      try {
        List<String> tables = tables(s);
        int from;
        if (tables.isEmpty()) {
          from = 0;
        } else if (!tables.contains("schema_version")) {
          throw new StoreException("Cannot open " + path + ": it is a SQLite database of another"
              + " program (tables " + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
              + "), not a durable-local store. It was left untouched; choose another file.");
        } else {
          from = version(s, path);
        }
        if (from > CURRENT) {
          throw new StoreException("Cannot open " + path + ": it was written by a newer"
              + " durable-local (schema version " + from + "; this version reads up to " + CURRENT
              + "). Upgrade durable-local, or use another file. The file was left untouched.");
        }
        if (from == 0 && target == CURRENT) {
          for (String sql : CREATE_CURRENT) {
            s.execute(sql);
          }
        } else {
          for (int v = from + 1; v <= target; v++) {
            for (String sql : MIGRATIONS[v - 1]) {
              s.execute(sql);
            }
          }
        }
        if (from < target) {
          s.execute("DELETE FROM schema_version");
          s.execute("INSERT INTO schema_version VALUES(" + target + ", 'durable-local')");
        }
        s.execute("COMMIT");
        done = true;
      } finally {
        if (!done) {
          s.execute("ROLLBACK");
        }
      }
    }
  }

  private static List<String> tables(Statement s) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static int version(Statement s, String path) {
    try (ResultSet rs = s.executeQuery("SELECT version, written_by FROM schema_version")) {
      if (rs.next() && "durable-local".equals(rs.getString(2))) {
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      // another program's schema_version table: fall through to the refusal
    }
    throw new StoreException("Cannot open " + path + ": its schema_version table is empty or was"
        + " not written by durable-local. It was left untouched; choose another file.");
  }
}
