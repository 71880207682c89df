package dev.durable.local.store;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.StoredExecution;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The read side's SQL, run on a {@link ReadPool.Reader}. */
final class Queries {
  private static final String ROW = "SELECT id, arn, function_name, execution_name, status, input,"
      + " result, error, start_ns, end_ns, timeout_ns, token_seq, seen_change_seq, change_seq,"
      + " op_seq, event_count, wake_ns, invocation_requested, invocation_active,"
      + " invocation_started_ns, parent_execution_id, parent_operation_id, version, seq"
      + " FROM executions";
  static final String OPS = "SELECT op_id, start_seq, change_seq, parent_id, name, type,"
      + " sub_type, status, start_ns, end_ns, shape, attempt, callback_id, timeout_ns,"
      + " heartbeat_ns, heartbeat_seconds, child_execution_id, payload, details"
      + " FROM operations WHERE key BETWEEN ? AND ? ORDER BY key";

  /** The execution named by the query's first parameter, as {@code x}, for the joins below. */
  private static final String EXECUTION_X = " (SELECT seq FROM executions WHERE id = ?) x";

  private Queries() {}

  /**
   * SQL for "{@code column} is a key of execution {@code x}": its range of keys, as
   * {@link WriteSql#key} builds them (the execution's seq above the low 32 bits).
   */
  private static String inRangeOfX(String column) {
    return column + " BETWEEN x.seq << 32 AND (x.seq << 32) | 0xFFFFFFFF";
  }

  /** The row alone: one indexed read, no operations. */
  static Optional<ExecutionRecord> record(ReadPool.Reader r, String id) throws SQLException {
    PreparedStatement row = r.prepare(ROW + " WHERE id = ?");
    row.setString(1, id);
    try (ResultSet rs = row.executeQuery()) {
      return rs.next() ? Optional.of(record(rs)) : Optional.empty();
    }
  }

  /**
   * The row and its operations: two queries (never one per operation) in one read transaction,
   * so that the operations belong to the row's version even while the writer commits.
   */
  static Optional<StoredExecution> load(ReadPool.Reader r, String id) throws SQLException {
    try (Statement tx = r.connection.createStatement()) {
      tx.execute("BEGIN");
      try {
        PreparedStatement row = r.prepare(ROW + " WHERE id = ?");
        row.setString(1, id);
        ExecutionRecord record;
        long version;
        long seq;
        try (ResultSet rs = row.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          record = record(rs);
          version = rs.getLong(23);
          seq = rs.getLong(24);
        }
        // the execution's range of the operations' key index, in start order: no sort (see
        // Schema and QueryPlanTest)
        PreparedStatement ops = r.prepare(OPS);
        ops.setLong(1, WriteSql.key(seq, 0));
        ops.setLong(2, WriteSql.key(seq, 0xFFFF_FFFFL));
        List<OperationRecord> list = new ArrayList<>();
        try (ResultSet rs = ops.executeQuery()) {
          while (rs.next()) {
            list.add(operation(rs));
          }
        }
        return Optional.of(new StoredExecution(record, Collections.unmodifiableList(list), version));
      } finally {
        tx.execute("COMMIT"); // ends the snapshot, so the next read sees newer commits
      }
    }
  }

  static Optional<String> oneString(ReadPool.Reader r, String sql, Object... args)
      throws SQLException {
    List<String> l = strings(r, sql, args);
    return l.isEmpty() ? Optional.empty() : Optional.ofNullable(l.get(0));
  }

  static List<String> strings(ReadPool.Reader r, String sql, Object... args)
      throws SQLException {
    PreparedStatement s = r.prepare(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static Optional<Instant> nextWakeAt(ReadPool.Reader r) throws SQLException {
    PreparedStatement s = r.prepare("SELECT min(wake_ns) FROM executions"
        + " INDEXED BY executions_wake WHERE status = 'RUNNING' AND wake_ns IS NOT NULL");
    try (ResultSet rs = s.executeQuery()) {
      rs.next();
      long v = rs.getLong(1);
      return Optional.ofNullable(RowCodec.instant(v, rs.wasNull()));
    }
  }

  /**
   * The execution's events in order: its range of the events table, and the events kept in its
   * operations' rows (see {@link Schema}), in one read transaction. An event that shares its
   * operation's payload gets it from the operation's row.
   */
  static List<HistoryEvent> history(ReadPool.Reader r, String id) throws SQLException {
    try (Statement tx = r.connection.createStatement()) {
      tx.execute("BEGIN");
      try {
        List<HistoryEvent> out = new ArrayList<>();
        PreparedStatement s = r.prepare("SELECT e.event, e.op_seq, o.payload, o.key FROM"
            + EXECUTION_X + " JOIN events e ON " + inRangeOfX("e.key")
            + " LEFT JOIN operations o ON o.key = (x.seq << 32) | e.op_seq");
        s.setString(1, id);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            HistoryEvent e = RowCodec.event(rs.getBytes(1));
            long opSeq = rs.getLong(2);
            if (!rs.wasNull()) {
              rs.getLong(4);
              if (rs.wasNull()) {
                throw new StoreException("The store is damaged: history event " + e.eventId()
                    + " of execution " + id + " shares the payload of the operation at start"
                    + " position " + opSeq + ", which is missing.");
              }
              e = RowCodec.withPayload(e, rs.getString(3));
            }
            out.add(e);
          }
        }
        PreparedStatement rows = r.prepare("SELECT o.events, o.events_shared, o.payload FROM"
            + EXECUTION_X + " JOIN operations o ON " + inRangeOfX("o.key")
            + " WHERE o.events IS NOT NULL");
        rows.setString(1, id);
        try (ResultSet rs = rows.executeQuery()) {
          while (rs.next()) {
            HistoryEvent[] kept = RowCodec.events(rs.getBytes(1));
            long shared = rs.getLong(2);
            for (int i = 0; i < kept.length; i++) {
              out.add((shared & (1L << i)) == 0 ? kept[i]
                  : RowCodec.withPayload(kept[i], rs.getString(3)));
            }
          }
        }
        out.sort(Comparator.comparingInt(HistoryEvent::eventId));
        return out;
      } finally {
        tx.execute("COMMIT");
      }
    }
  }

  /** Newest first, like the reference store; bounds are exclusive. */
  static List<ExecutionRecord> list(ReadPool.Reader r, ExecutionQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder(ROW).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.functionName() != null) {
      sql.append(" AND function_name = ?");
      args.add(q.functionName());
    }
    if (q.status() != null) {
      sql.append(" AND status = ?");
      args.add(q.status().name());
    }
    if (q.startedAfter() != null) {
      sql.append(" AND start_ns > ?");
      args.add(RowCodec.nanos(q.startedAfter()));
    }
    if (q.startedBefore() != null) {
      sql.append(" AND start_ns < ?");
      args.add(RowCodec.nanos(q.startedBefore()));
    }
    sql.append(" ORDER BY start_ns DESC, id LIMIT ?");
    args.add(Math.max(1, Math.min(q.limit(), 1000)));
    PreparedStatement s = r.prepare(sql.toString());
    for (int i = 0; i < args.size(); i++) {
      s.setObject(i + 1, args.get(i));
    }
    List<ExecutionRecord> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(record(rs));
      }
    }
    return out;
  }

  private static ExecutionRecord record(ResultSet rs) throws SQLException {
    return new ExecutionRecord(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getString(4), ExecutionStatus.valueOf(rs.getString(5)), rs.getString(6),
        rs.getString(7), RowCodec.error(rs.getString(8)), instant(rs, 9), instant(rs, 10),
        instant(rs, 11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15),
        rs.getInt(16), instant(rs, 17), rs.getInt(18) == 1, rs.getInt(19) == 1, instant(rs, 20),
        rs.getString(21), rs.getString(22));
  }

  private static OperationRecord operation(ResultSet rs) throws SQLException {
    Operation base = new Operation(rs.getString(1), rs.getString(4), rs.getString(5),
        OperationType.valueOf(rs.getString(6)), rs.getString(7),
        OperationStatus.valueOf(rs.getString(8)), instant(rs, 9), instant(rs, 10),
        null, null, null, null, null, null);
    Operation op = RowCodec.operation(base, rs.getInt(11), rs.getInt(12), rs.getString(13),
        rs.getString(18), rs.getBytes(19));
    return new OperationRecord(op, rs.getLong(2), rs.getLong(3), instant(rs, 14), instant(rs, 15),
        rs.getInt(16), rs.getString(17));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return RowCodec.instant(v, rs.wasNull());
  }
}
