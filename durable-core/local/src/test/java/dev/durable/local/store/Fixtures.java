package dev.durable.local.store;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.OperationRecord;
import java.time.Instant;
import java.util.List;

/** Records for store tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

  private Fixtures() {}

  static ExecutionRecord row(String id, ExecutionStatus status, Instant wakeAt, boolean requested) {
    return row(id, "fn", status, T0, wakeAt, requested);
  }

  static ExecutionRecord row(String id, String fn, ExecutionStatus status, Instant start,
      Instant wakeAt, boolean requested) {
    return new ExecutionRecord(id, "arn/" + id, fn, "name-" + id, status, "in", null, null, start,
        null, start.plusSeconds(3600), 0, 0, 0, 0, 0, wakeAt, requested, false, null, null, null);
  }

  static OperationRecord op(String id, long seq, OperationType type, OperationStatus status,
      String callbackId) {
    Operation o = new Operation(id, null, null, type, null, status, T0, null, null, null, null,
        null, callbackId == null ? null : new OperationDetails.Callback(callbackId, null, null),
        null);
    return new OperationRecord(o, seq, seq, null, null, 0, null);
  }

  static OperationRecord step(String id, long seq, String result) {
    Operation o = new Operation(id, null, "step-" + id, OperationType.STEP, "Step",
        OperationStatus.SUCCEEDED, T0, T0.plusNanos(1), null, null,
        new OperationDetails.Step(1, null, result, null), null, null, null);
    return new OperationRecord(o, seq, seq, null, null, 0, null);
  }

  static HistoryEvent event(int id) {
    return new HistoryEvent(id, "E" + id, null, null, null, null, T0, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  static ExecutionWrite create(ExecutionRecord r, OperationRecord... ops) {
    return new ExecutionWrite(-1, r, List.of(ops), List.of());
  }

  static ExecutionWrite update(long version, ExecutionRecord r, OperationRecord... ops) {
    return new ExecutionWrite(version, r, List.of(ops), List.of());
  }

  static ErrorObject error(String m) {
    return new ErrorObject("java.lang.IllegalStateException", m, "{\"k\":1}",
        List.of("a.B.c(B.java:1)", "d.E.f(E.java:2)"));
  }
}
