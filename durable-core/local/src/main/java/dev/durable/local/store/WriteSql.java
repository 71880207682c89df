package dev.durable.local.store;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.StoreConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The writer connection's prepared statements and the body of one execution write or lease
 * change. Runs on the committer only (one thread at a time), inside the batch's transaction, so
 * every check here (the version, the name, the lease holder) is atomic with the change it guards,
 * across processes too.
 */
final class WriteSql implements AutoCloseable {
  /** Columns no index covers: a write that changes only these touches one page of executions. */
  private static final String PLAIN_COLUMNS = "arn, execution_name, input, result, error, end_ns,"
      + " timeout_ns, token_seq, seen_change_seq, change_seq, op_seq, event_count,"
      + " invocation_active, invocation_started_ns, parent_execution_id, parent_operation_id";
  /** Columns of the indexes (keys and partial-index conditions). */
  private static final String INDEXED_COLUMNS =
      "function_name, status, start_ns, wake_ns, invocation_requested";
  /** The next place in the invocation queue: after every current request. */
  private static final String NEXT_REQUEST = "(SELECT coalesce(max(request_order), 0) + 1"
      + " FROM executions WHERE status = 'RUNNING' AND invocation_requested = 1)";
  private static final String OP_PLAIN_COLUMNS = "change_seq, parent_id, name, type, sub_type,"
      + " status, start_ns, end_ns, shape, attempt, callback_id, timeout_ns, heartbeat_ns,"
      + " heartbeat_seconds, child_execution_id, payload, details";

  private final PreparedStatement selectRow;
  private final PreparedStatement insertRow;
  private final PreparedStatement updatePlain;
  private final PreparedStatement updateAll;
  private final PreparedStatement updateCounters;
  private final RowCache rows = new RowCache();
  private final PreparedStatement nameHolder;
  private final PreparedStatement insertName;
  private final PreparedStatement insertOp;
  private final PreparedStatement updateOp;
  private final PreparedStatement insertCallback;
  private final PreparedStatement insertEvent;
  private final PreparedStatement acquire;
  private final PreparedStatement renew;
  private final PreparedStatement release;

  WriteSql(Connection c) throws SQLException {
    selectRow = c.prepareStatement("SELECT version, " + INDEXED_COLUMNS
        + " FROM executions WHERE id = ?");
    insertRow = c.prepareStatement("INSERT INTO executions(" + PLAIN_COLUMNS + ", "
        + INDEXED_COLUMNS + ", id, request_order, version) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        + "?,?,?,?,?,?, CASE WHEN ? THEN " + NEXT_REQUEST + " END, 0) RETURNING seq");
    // matches only if the indexed columns keep their values: then no index page is touched
    updatePlain = c.prepareStatement("UPDATE executions SET (" + PLAIN_COLUMNS
        + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?), version = version + 1"
        + " WHERE id = ? AND version = ? AND function_name IS ? AND status = ?"
        + " AND start_ns IS ? AND wake_ns IS ? AND invocation_requested = ? RETURNING seq");
    updateAll = c.prepareStatement("UPDATE executions SET (" + PLAIN_COLUMNS + ", "
        + INDEXED_COLUMNS + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?), request_order ="
        + " CASE ? WHEN 0 THEN NULL WHEN 1 THEN request_order ELSE " + NEXT_REQUEST + " END,"
        + " version = version + 1 WHERE id = ? AND version = ? RETURNING seq");
    updateCounters = c.prepareStatement("UPDATE executions SET token_seq = ?, seen_change_seq = ?,"
        + " change_seq = ?, op_seq = ?, event_count = ?, version = version + 1"
        + " WHERE id = ? AND version = ?");
    nameHolder = c.prepareStatement("SELECT execution_id FROM execution_names"
        + " WHERE function_name = ? AND execution_name = ?");
    insertName = c.prepareStatement("INSERT INTO execution_names VALUES(?,?,?)");
    // an operation keeps its start position, so its key (see Schema) finds it: a new one is an
    // INSERT carrying its events, appended at the table's end with a small entry in the key
    // index; a changed one an UPDATE of that row, found through the index, which it leaves alone
    // (the key never changes). The partial index of pending invokes is the only other one.
    insertOp = c.prepareStatement("INSERT INTO operations(" + OP_PLAIN_COLUMNS
        + ", key, op_id, start_seq, pending_invoke, events, events_shared) VALUES(?,?,?,?,?,?,?,?,"
        + "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING");
    updateOp = c.prepareStatement("UPDATE operations SET (" + OP_PLAIN_COLUMNS + ", pending_invoke)"
        + " = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) WHERE key = ? AND op_id = ?");
    insertCallback = c.prepareStatement("INSERT OR IGNORE INTO callbacks VALUES(?,?)");
    insertEvent = c.prepareStatement("INSERT INTO events(key, op_seq, event) VALUES(?,?,?)");
    acquire = c.prepareStatement("UPDATE executions SET lease_owner = ?, lease_until_ns = ?"
        + " WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until_ns <= ?)");
    renew = c.prepareStatement("UPDATE executions SET lease_until_ns = ?"
        + " WHERE id = ? AND lease_owner = ?");
    release = c.prepareStatement("UPDATE executions SET lease_owner = NULL,"
        + " lease_until_ns = NULL WHERE id = ? AND lease_owner = ?");
  }

  /** Applies {@code w}, or throws {@link StoreConflictException} having changed nothing. */
  void apply(EncodedWrite w) throws SQLException {
    ExecutionRecord r = w.write().execution();
    String id = r.executionId();
    long seq = w.write().expectedVersion() < 0 ? create(w) : update(w);
    List<OperationRecord> ops = w.write().operations();
    List<HistoryEvent> events = w.write().events();
    boolean[] inRow = new boolean[events.size()];
    for (int k = 0; k < ops.size(); k++) {
      OperationRecord op = ops.get(k);
      if (insertOp(seq, op, w, k)) {
        for (int i = 0; i < inRow.length; i++) {
          inRow[i] |= w.owners()[i] == k && w.opEvents()[k] != null;
        }
      } else if (updateOp(seq, op, w.details()[k]) == 0) {
        // the key holds another operation: the write breaks the rule that an operation keeps
        // its start position. Not a conflict (those change nothing): the batch rolls back.
        throw new StoreException("Cannot write operation " + op.operation().id() + " of execution "
            + id + " at start position " + op.startSeq() + ": another operation holds that"
            + " position. An operation keeps the start position it was first written with.");
      }
      var cb = op.operation().callbackDetails();
      if (cb != null && cb.callbackId() != null) {
        insertCallback.setString(1, cb.callbackId());
        insertCallback.setString(2, id);
        insertCallback.executeUpdate();
      }
    }
    for (int i = 0; i < inRow.length; i++) {
      if (inRow[i]) {
        continue; // kept in its operation's row
      }
      insertEvent.setLong(1, key(seq, events.get(i).eventId()));
      if (w.eventOps()[i] > 0) {
        insertEvent.setLong(2, w.eventOps()[i]);
      } else {
        insertEvent.setNull(2, Types.INTEGER);
      }
      insertEvent.setBytes(3, w.events()[i]);
      insertEvent.executeUpdate();
    }
  }

  /** Inserts a new operation with its events; false if its key exists (it changed). */
  private boolean insertOp(long seq, OperationRecord op, EncodedWrite w, int k)
      throws SQLException {
    bindOp(insertOp, op, w.details()[k]);
    insertOp.setLong(18, key(seq, op.startSeq()));
    insertOp.setString(19, op.operation().id());
    insertOp.setLong(20, op.startSeq());
    insertOp.setInt(21, op.isPendingInvoke() ? 1 : 0);
    insertOp.setBytes(22, w.opEvents()[k]);
    if (w.opEvents()[k] == null) {
      insertOp.setNull(23, Types.INTEGER);
    } else {
      insertOp.setLong(23, w.opEventsShared()[k]);
    }
    return insertOp.executeUpdate() == 1;
  }

  private int updateOp(long seq, OperationRecord op, byte[] details) throws SQLException {
    bindOp(updateOp, op, details);
    updateOp.setInt(18, op.isPendingInvoke() ? 1 : 0);
    updateOp.setLong(19, key(seq, op.startSeq()));
    updateOp.setString(20, op.operation().id());
    return updateOp.executeUpdate();
  }

  /**
   * The key of an execution's event or operation: {@code position} is the event id or the start
   * position, so one execution's rows are one contiguous range of keys, in order (of the events
   * table's rows, and of the operations' key index: see {@link Schema}).
   */
  static long key(long executionSeq, long position) {
    return (executionSeq << 32) | (position & 0xFFFF_FFFFL);
  }

  /** The seq a RETURNING statement gave, or -1 if it changed no row. */
  private static long returned(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private long create(EncodedWrite w) throws SQLException {
    ExecutionRecord r = w.write().execution();
    String id = r.executionId();
    if (current(id) != null) {
      throw new StoreConflictException("Execution " + id + " already exists.");
    }
    nameHolder.setString(1, r.functionName());
    nameHolder.setString(2, r.executionName());
    String holder;
    try (ResultSet rs = nameHolder.executeQuery()) {
      holder = rs.next() ? rs.getString(1) : null;
    }
    if (holder != null && !holder.equals(id)) {
      throw new StoreConflictException("Execution name " + r.executionName() + " of function "
          + r.functionName() + " is taken by execution " + holder + '.');
    }
    if (holder == null) {
      insertName.setString(1, r.functionName());
      insertName.setString(2, r.executionName());
      insertName.setString(3, id);
      insertName.executeUpdate();
    }
    bindPlain(insertRow, r, w.error());
    bindIndexed(insertRow, 17, r);
    insertRow.setString(22, id);
    insertRow.setBoolean(23, awaits(r));
    long seq = returned(insertRow);
    rows.put(r, seq, 0);
    return seq;
  }

  private long update(EncodedWrite w) throws SQLException {
    ExecutionRecord r = w.write().execution();
    long expected = w.write().expectedVersion();
    String id = r.executionId();
    // the hot path: only the counters change since this connection wrote the row
    RowCache.Entry known = rows.countersOnly(r, expected);
    if (known != null) {
      updateCounters.setLong(1, r.tokenSeq());
      updateCounters.setLong(2, r.seenChangeSeq());
      updateCounters.setLong(3, r.changeSeq());
      updateCounters.setLong(4, r.opSeq());
      updateCounters.setInt(5, r.eventCount());
      updateCounters.setString(6, id);
      updateCounters.setLong(7, expected);
      if (updateCounters.executeUpdate() == 1) {
        rows.put(r, known.seq(), expected + 1);
        return known.seq();
      }
    }
    // else one statement if the version matches and no indexed column changes
    bindPlain(updatePlain, r, w.error());
    updatePlain.setString(17, id);
    updatePlain.setLong(18, expected);
    bindIndexed(updatePlain, 19, r);
    long seq = returned(updatePlain);
    if (seq >= 0) {
      rows.put(r, seq, expected + 1);
      return seq;
    }
    Row old = current(id);
    if (old == null) {
      throw new StoreConflictException("Execution " + id + " does not exist in the store.");
    }
    if (old.version() != expected) {
      throw new StoreConflictException("Execution " + id + " is at version " + old.version()
          + ", the write expected " + expected + '.');
    }
    PreparedStatement s = updateAll;
    bindPlain(s, r, w.error());
    bindIndexed(s, 17, r);
    // a request joins the end of the queue only when it is new, like the reference store's set
    s.setInt(22, !awaits(r) ? 0 : old.awaits() ? 1 : 2);
    s.setString(23, id);
    s.setLong(24, expected);
    seq = returned(s);
    if (seq < 0) {
      throw new StoreConflictException("Execution " + id + " changed during the write.");
    }
    rows.put(r, seq, expected + 1);
    return seq;
  }

  private static boolean awaits(ExecutionRecord r) {
    return r.status() == ExecutionStatus.RUNNING && r.invocationRequested();
  }

  /** The stored version and indexed columns of an execution. */
  private record Row(long version, String functionName, String status, Long startNs,
      Long wakeNs, boolean requested) {
    boolean awaits() {
      return "RUNNING".equals(status) && requested;
    }

  }

  private Row current(String id) throws SQLException {
    selectRow.setString(1, id);
    try (ResultSet rs = selectRow.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      long start = rs.getLong(4);
      Long startNs = rs.wasNull() ? null : start;
      long wake = rs.getLong(5);
      Long wakeNs = rs.wasNull() ? null : wake;
      return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), startNs, wakeNs,
          rs.getInt(6) == 1);
    }
  }

  private static void bindPlain(PreparedStatement s, ExecutionRecord r, String errorJson)
      throws SQLException {
    s.setString(1, r.executionArn());
    s.setString(2, r.executionName());
    s.setString(3, r.inputPayload());
    s.setString(4, r.result());
    s.setString(5, errorJson);
    setLong(s, 6, RowCodec.nanos(r.endTimestamp()));
    setLong(s, 7, RowCodec.nanos(r.timeoutAt()));
    s.setLong(8, r.tokenSeq());
    s.setLong(9, r.seenChangeSeq());
    s.setLong(10, r.changeSeq());
    s.setLong(11, r.opSeq());
    s.setInt(12, r.eventCount());
    s.setInt(13, r.invocationActive() ? 1 : 0);
    setLong(s, 14, RowCodec.nanos(r.invocationStartedAt()));
    s.setString(15, r.parentExecutionId());
    s.setString(16, r.parentOperationId());
  }

  private static void bindIndexed(PreparedStatement s, int from, ExecutionRecord r)
      throws SQLException {
    s.setString(from, r.functionName());
    s.setString(from + 1, r.status().name());
    setLong(s, from + 2, RowCodec.nanos(r.startTimestamp()));
    setLong(s, from + 3, RowCodec.nanos(r.wakeAt()));
    s.setInt(from + 4, r.invocationRequested() ? 1 : 0);
  }

  private static void bindOp(PreparedStatement s, OperationRecord r, byte[] details)
      throws SQLException {
    Operation o = r.operation();
    s.setLong(1, r.changeSeq());
    s.setString(2, o.parentId());
    s.setString(3, o.name());
    s.setString(4, o.type().name());
    s.setString(5, o.subType());
    s.setString(6, o.status().name());
    setLong(s, 7, RowCodec.nanos(o.startTimestamp()));
    setLong(s, 8, RowCodec.nanos(o.endTimestamp()));
    s.setInt(9, RowCodec.shape(o));
    s.setInt(10, o.stepDetails() == null ? 0 : o.stepDetails().attempt());
    s.setString(11, o.callbackDetails() == null ? null : o.callbackDetails().callbackId());
    setLong(s, 12, RowCodec.nanos(r.timeoutAt()));
    setLong(s, 13, RowCodec.nanos(r.heartbeatAt()));
    s.setInt(14, r.heartbeatSeconds());
    s.setString(15, r.childExecutionId());
    s.setString(16, RowCodec.payload(o));
    s.setBytes(17, details);
  }
  boolean acquire(String id, String owner, Instant now, Duration ttl) throws SQLException {
    acquire.setString(1, owner);
    acquire.setLong(2, RowCodec.nanos(now.plus(ttl)));
    acquire.setString(3, id);
    acquire.setString(4, owner);
    acquire.setLong(5, RowCodec.nanos(now));
    return acquire.executeUpdate() == 1;
  }

  boolean renew(String id, String owner, Instant now, Duration ttl) throws SQLException {
    renew.setLong(1, RowCodec.nanos(now.plus(ttl)));
    renew.setString(2, id);
    renew.setString(3, owner);
    return renew.executeUpdate() == 1;
  }

  boolean release(String id, String owner) throws SQLException {
    release.setString(1, id);
    release.setString(2, owner);
    return release.executeUpdate() == 1;
  }

  private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.INTEGER);
    } else {
      s.setLong(i, v);
    }
  }

  /** Forgets the rows written: called when a transaction rolls back. */
  void forgetRows() {
    rows.clear();
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement s : new PreparedStatement[] {selectRow, insertRow, updatePlain,
        updateAll, updateCounters, nameHolder, insertName, insertOp, updateOp, insertCallback,
        insertEvent, acquire, renew, release}) {
      s.close();
    }
  }
}
