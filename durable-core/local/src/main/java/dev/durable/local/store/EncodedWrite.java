package dev.durable.local.store;

import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.OperationRecord;
import java.util.List;

/**
 * A write with its JSON parts already encoded. The caller's thread encodes them before queueing,
 * so that the committer (one at a time, which every execution waits for) spends its time in SQLite.
 *
 * @param write the write
 * @param error the execution's error as JSON, or null
 * @param details per operation: the JSON details column, or null
 * @param events per history event: its JSON
 * @param eventOps per history event: the start position of the operation whose payload column
 *     holds the event's payload (left out of its JSON), or 0 when the JSON carries its own
 */
record EncodedWrite(ExecutionWrite write, String error, byte[][] details, byte[][] events,
    long[] eventOps) {

  static EncodedWrite of(ExecutionWrite w) {
    List<OperationRecord> ops = w.operations();
    byte[][] details = new byte[ops.size()][];
    for (int i = 0; i < details.length; i++) {
      var o = ops.get(i).operation();
      details[i] = RowCodec.shape(o) == RowCodec.JSON ? RowCodec.detailsJson(o) : null;
    }
    List<HistoryEvent> events = w.events();
    byte[][] json = new byte[events.size()][];
    long[] eventOps = new long[json.length];
    for (int i = 0; i < json.length; i++) {
      HistoryEvent e = events.get(i);
      eventOps[i] = sharedPayload(e, ops);
      json[i] = RowCodec.eventJson(eventOps[i] == 0 ? e : RowCodec.withPayload(e, null));
    }
    return new EncodedWrite(w, RowCodec.errorJson(w.execution().error()), details, json,
        eventOps);
  }

  /**
   * The start position of the operation in the same write whose final payload is the event's
   * payload, or 0: a terminal operation never changes again, so its row keeps the one copy for
   * both (version 1 of the schema stored a step's result twice, see {@link Schema}).
   */
  private static long sharedPayload(HistoryEvent e, List<OperationRecord> ops) {
    if (e.payload() == null || e.id() == null) {
      return 0;
    }
    for (OperationRecord r : ops) {
      var o = r.operation();
      if (r.startSeq() > 0 && o.id().equals(e.id()) && o.status().isTerminal()
          && e.payload().equals(RowCodec.payload(o))) {
        return r.startSeq();
      }
    }
    return 0;
  }
}
