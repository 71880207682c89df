package dev.durable.local.store;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.StoreConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;

/**
 * The writer connection's prepared statements and the body of one {@link ExecutionWrite} or lease
 * change. Runs on the writer thread only, inside the batch's transaction, so every check here (the
 * version, the name, the lease holder) is atomic with the change it guards, across processes too.
 */
final class WriteSql implements AutoCloseable {
  private static final String ROW_COLUMNS = "arn, function_name, execution_name, status, input,"
      + " result, error, start_ns, end_ns, timeout_ns, token_seq, seen_change_seq, change_seq,"
      + " op_seq, event_count, wake_ns, invocation_requested, invocation_active,"
      + " invocation_started_ns, parent_execution_id, parent_operation_id";

  private final PreparedStatement selectVersion;
  private final PreparedStatement insertRow;
  private final PreparedStatement updateRow;
  private final PreparedStatement nameHolder;
  private final PreparedStatement insertName;
  private final PreparedStatement nextRequestSeq;
  private final PreparedStatement upsertOp;
  private final PreparedStatement insertCallback;
  private final PreparedStatement insertEvent;
  private final PreparedStatement acquire;
  private final PreparedStatement renew;
  private final PreparedStatement release;

  WriteSql(Connection c) throws SQLException {
    selectVersion = c.prepareStatement("SELECT version, status = 'RUNNING' AND"
        + " invocation_requested = 1 FROM executions WHERE id = ?");
    insertRow = c.prepareStatement("INSERT INTO executions(" + ROW_COLUMNS
        + ", id, request_order, version) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)");
    updateRow = c.prepareStatement("UPDATE executions SET (" + ROW_COLUMNS
        + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?), request_order = coalesce(?,"
        + " request_order), version = version + 1 WHERE id = ? AND version = ?");
    nameHolder = c.prepareStatement("SELECT execution_id FROM execution_names"
        + " WHERE function_name = ? AND execution_name = ?");
    insertName = c.prepareStatement("INSERT INTO execution_names VALUES(?,?,?)");
    nextRequestSeq = c.prepareStatement(
        "UPDATE meta SET value = value + 1 WHERE key = 'request_seq' RETURNING value");
    upsertOp = c.prepareStatement("INSERT INTO operations(execution_id, op_id, start_seq,"
        + " change_seq, parent_id, name, type, sub_type, status, start_ns, end_ns, shape, attempt,"
        + " callback_id, timeout_ns, heartbeat_ns, heartbeat_seconds, child_execution_id,"
        + " pending_invoke, payload, details) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        + " ON CONFLICT(execution_id, op_id) DO UPDATE SET start_seq = excluded.start_seq,"
        + " change_seq = excluded.change_seq, parent_id = excluded.parent_id,"
        + " name = excluded.name, type = excluded.type, sub_type = excluded.sub_type,"
        + " status = excluded.status, start_ns = excluded.start_ns, end_ns = excluded.end_ns,"
        + " shape = excluded.shape, attempt = excluded.attempt,"
        + " callback_id = excluded.callback_id, timeout_ns = excluded.timeout_ns,"
        + " heartbeat_ns = excluded.heartbeat_ns,"
        + " heartbeat_seconds = excluded.heartbeat_seconds,"
        + " child_execution_id = excluded.child_execution_id,"
        + " pending_invoke = excluded.pending_invoke, payload = excluded.payload,"
        + " details = excluded.details");
    insertCallback = c.prepareStatement("INSERT OR IGNORE INTO callbacks VALUES(?,?)");
    insertEvent = c.prepareStatement("INSERT INTO events VALUES(?,?,?)");
    acquire = c.prepareStatement("UPDATE executions SET lease_owner = ?, lease_until_ns = ?"
        + " WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until_ns <= ?)");
    renew = c.prepareStatement("UPDATE executions SET lease_until_ns = ?"
        + " WHERE id = ? AND lease_owner = ?");
    release = c.prepareStatement("UPDATE executions SET lease_owner = NULL,"
        + " lease_until_ns = NULL WHERE id = ? AND lease_owner = ?");
  }

  /** Applies {@code w}, or throws {@link StoreConflictException} having changed nothing. */
  void apply(ExecutionWrite w) throws SQLException {
    ExecutionRecord r = w.execution();
    String id = r.executionId();
    boolean awaits = r.status() == ExecutionStatus.RUNNING && r.invocationRequested();
    if (w.expectedVersion() < 0) {
      create(r, awaits);
    } else {
      update(r, w.expectedVersion(), awaits);
    }
    for (OperationRecord op : w.operations()) {
      bindOp(id, op);
      upsertOp.executeUpdate();
      var cb = op.operation().callbackDetails();
      if (cb != null && cb.callbackId() != null) {
        insertCallback.setString(1, cb.callbackId());
        insertCallback.setString(2, id);
        insertCallback.executeUpdate();
      }
    }
    for (HistoryEvent e : w.events()) {
      insertEvent.setString(1, id);
      insertEvent.setInt(2, e.eventId());
      insertEvent.setBytes(3, RowCodec.eventJson(e));
      insertEvent.executeUpdate();
    }
  }

  private void create(ExecutionRecord r, boolean awaits) throws SQLException {
    String id = r.executionId();
    if (version(id) != null) {
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
    bindRow(insertRow, r);
    insertRow.setString(22, id);
    setLong(insertRow, 23, awaits ? nextRequestSeq() : null);
    insertRow.executeUpdate();
  }

  private void update(ExecutionRecord r, long expected, boolean awaits) throws SQLException {
    String id = r.executionId();
    Object[] current = version(id);
    if (current == null) {
      throw new StoreConflictException("Execution " + id + " does not exist in the store.");
    }
    if ((long) current[0] != expected) {
      throw new StoreConflictException("Execution " + id + " is at version " + current[0]
          + ", the write expected " + expected + '.');
    }
    // a request joins the end of the queue only when it is new, like the reference store's set
    boolean awaited = (boolean) current[1];
    bindRow(updateRow, r);
    setLong(updateRow, 22, awaits && !awaited ? nextRequestSeq() : null);
    updateRow.setString(23, id);
    updateRow.setLong(24, expected);
    if (updateRow.executeUpdate() != 1) {
      throw new StoreConflictException("Execution " + id + " changed during the write.");
    }
  }

  /** {version, awaiting invocation} of the row, or null if there is none. */
  private Object[] version(String id) throws SQLException {
    selectVersion.setString(1, id);
    try (ResultSet rs = selectVersion.executeQuery()) {
      return rs.next() ? new Object[] {rs.getLong(1), rs.getInt(2) == 1} : null;
    }
  }

  private long nextRequestSeq() throws SQLException {
    try (ResultSet rs = nextRequestSeq.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void bindRow(PreparedStatement s, ExecutionRecord r) throws SQLException {
    s.setString(1, r.executionArn());
    s.setString(2, r.functionName());
    s.setString(3, r.executionName());
    s.setString(4, r.status().name());
    s.setString(5, r.inputPayload());
    s.setString(6, r.result());
    s.setString(7, RowCodec.errorJson(r.error()));
    setLong(s, 8, RowCodec.nanos(r.startTimestamp()));
    setLong(s, 9, RowCodec.nanos(r.endTimestamp()));
    setLong(s, 10, RowCodec.nanos(r.timeoutAt()));
    s.setLong(11, r.tokenSeq());
    s.setLong(12, r.seenChangeSeq());
    s.setLong(13, r.changeSeq());
    s.setLong(14, r.opSeq());
    s.setInt(15, r.eventCount());
    setLong(s, 16, RowCodec.nanos(r.wakeAt()));
    s.setInt(17, r.invocationRequested() ? 1 : 0);
    s.setInt(18, r.invocationActive() ? 1 : 0);
    setLong(s, 19, RowCodec.nanos(r.invocationStartedAt()));
    s.setString(20, r.parentExecutionId());
    s.setString(21, r.parentOperationId());
  }

  private void bindOp(String executionId, OperationRecord r) throws SQLException {
    Operation o = r.operation();
    int shape = RowCodec.shape(o);
    PreparedStatement s = upsertOp;
    s.setString(1, executionId);
    s.setString(2, o.id());
    s.setLong(3, r.startSeq());
    s.setLong(4, r.changeSeq());
    s.setString(5, o.parentId());
    s.setString(6, o.name());
    s.setString(7, o.type().name());
    s.setString(8, o.subType());
    s.setString(9, o.status().name());
    setLong(s, 10, RowCodec.nanos(o.startTimestamp()));
    setLong(s, 11, RowCodec.nanos(o.endTimestamp()));
    s.setInt(12, shape);
    s.setInt(13, o.stepDetails() == null ? 0 : o.stepDetails().attempt());
    s.setString(14, o.callbackDetails() == null ? null : o.callbackDetails().callbackId());
    setLong(s, 15, RowCodec.nanos(r.timeoutAt()));
    setLong(s, 16, RowCodec.nanos(r.heartbeatAt()));
    s.setInt(17, r.heartbeatSeconds());
    s.setString(18, r.childExecutionId());
    s.setInt(19, r.isPendingInvoke() ? 1 : 0);
    s.setString(20, RowCodec.payload(o));
    s.setBytes(21, shape == RowCodec.JSON ? RowCodec.detailsJson(o) : null);
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

  @Override
  public void close() throws SQLException {
    for (PreparedStatement s : new PreparedStatement[] {selectVersion, insertRow, updateRow,
        nameHolder, insertName, nextRequestSeq, upsertOp, insertCallback, insertEvent, acquire,
        renew, release}) {
      s.close();
    }
  }
}
