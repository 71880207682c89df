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
 */
record EncodedWrite(ExecutionWrite write, String error, byte[][] details, byte[][] events) {

  static EncodedWrite of(ExecutionWrite w) {
    List<OperationRecord> ops = w.operations();
    byte[][] details = new byte[ops.size()][];
    for (int i = 0; i < details.length; i++) {
      var o = ops.get(i).operation();
      details[i] = RowCodec.shape(o) == RowCodec.JSON ? RowCodec.detailsJson(o) : null;
    }
    List<HistoryEvent> events = w.events();
    byte[][] json = new byte[events.size()][];
    for (int i = 0; i < json.length; i++) {
      json[i] = RowCodec.eventJson(events.get(i));
    }
    return new EncodedWrite(w, RowCodec.errorJson(w.execution().error()), details, json);
  }
}
