package dev.durable.local.store;

import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.OperationRecord;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A write with its JSON parts already encoded. The caller's thread encodes them before queueing,
 * so that the committer (one at a time, which every execution waits for) spends its time in SQLite.
 *
 * <p>An event may leave its payload out when the payload is its operation's final one (see
 * {@link Schema}): {@code eventOps} then names that operation's start position. The events of an
 * operation in the same write are also prepared as one JSON array ({@code opEvents}) for the
 * operation's own row, with bit {@code i} of {@code opEventsShared} set when its {@code i}-th
 * event left its payload out; the row keeps them only when the write creates the operation.
 *
 * @param write the write
 * @param error the execution's error as JSON, or null
 * @param details per operation: the JSON details column, or null
 * @param events per history event: its JSON
 * @param eventOps per history event: the start position of the operation whose payload column
 *     holds the event's payload (left out of its JSON), or 0 when the JSON carries its own
 * @param owners per history event: the index of its operation in the write, or -1
 * @param opEvents per operation: its events of this write as a JSON array, or null if none
 * @param opEventsShared per operation: which of those events left their payload out
 */
record EncodedWrite(ExecutionWrite write, String error, byte[][] details, byte[][] events,
    long[] eventOps, int[] owners, byte[][] opEvents, long[] opEventsShared) {
  /** The most events an operation's row keeps (one bit each in {@code events_shared}). */
  static final int MAX_ROW_EVENTS = 63;

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
    int[] owners = new int[json.length];
    for (int i = 0; i < json.length; i++) {
      HistoryEvent e = events.get(i);
      owners[i] = owner(e, ops);
      eventOps[i] = owners[i] < 0 ? 0 : sharedPayload(e, ops.get(owners[i]));
      json[i] = RowCodec.eventJson(eventOps[i] == 0 ? e : RowCodec.withPayload(e, null));
    }
    byte[][] opEvents = new byte[ops.size()][];
    long[] shared = new long[ops.size()];
    for (int k = 0; k < ops.size(); k++) {
      ByteArrayOutputStream array = null;
      int count = 0;
      for (int i = 0; i < json.length && count <= MAX_ROW_EVENTS; i++) {
        if (owners[i] == k) {
          if (array == null) {
            array = new ByteArrayOutputStream(512);
            array.write('[');
          } else {
            array.write(',');
          }
          array.writeBytes(json[i]);
          if (eventOps[i] != 0) {
            shared[k] |= 1L << count;
          }
          count++;
        }
      }
      if (array != null && count <= MAX_ROW_EVENTS) {
        array.write(']');
        opEvents[k] = array.toByteArray();
      } else {
        shared[k] = 0;
      }
    }
    return new EncodedWrite(w, RowCodec.errorJson(w.execution().error()), details, json,
        eventOps, owners, opEvents, shared);
  }

  private static int owner(HistoryEvent e, List<OperationRecord> ops) {
    if (e.id() != null) {
      for (int k = 0; k < ops.size(); k++) {
        if (ops.get(k).operation().id().equals(e.id())) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * The operation's start position if the event's payload is the operation's final payload,
   * else 0: a terminal operation never changes again, so its row keeps the one copy for both
   * (version 1 of the schema stored a step's result twice, see {@link Schema}).
   */
  private static long sharedPayload(HistoryEvent e, OperationRecord r) {
    var o = r.operation();
    if (e.payload() != null && r.startSeq() > 0 && o.status().isTerminal()
        && e.payload().equals(RowCodec.payload(o))) {
      return r.startSeq();
    }
    return 0;
  }
}
