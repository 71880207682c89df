package dev.durable.local.store;

import dev.durable.core.service.ExecutionRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The execution rows the write connection wrote last, so that a write that changes only the
 * counters (a step's checkpoint: change, operation and event counts) updates those five columns
 * instead of binding and rewriting all 22 (T1/T3 in docs/performance.md: the binds were a sixth of
 * the committer's statement time). An entry holds for its version only: a write that expects
 * another version (another process wrote the row, or this cache missed a write) takes the full
 * path, which checks everything again. Cleared when a transaction rolls back, since its entries
 * may describe rows that were never committed. Used by the committer only, one thread at a time.
 */
final class RowCache {
  private static final int MAX_ENTRIES = 4096;

  /** A row as this connection wrote it, and the version it has since. */
  record Entry(long seq, long version, ExecutionRecord row) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The entry whose row differs from {@code next} in its counters only, if the version holds. */
  Entry countersOnly(ExecutionRecord next, long expectedVersion) {
    Entry e = entries.get(next.executionId());
    if (e == null || e.version() != expectedVersion) {
      return null;
    }
    ExecutionRecord old = e.row();
    ExecutionRecord sameCounters = new ExecutionRecord(next.executionId(), next.executionArn(),
        next.functionName(), next.executionName(), next.status(), next.inputPayload(),
        next.result(), next.error(), next.startTimestamp(), next.endTimestamp(), next.timeoutAt(),
        old.tokenSeq(), old.seenChangeSeq(), old.changeSeq(), old.opSeq(), old.eventCount(),
        next.wakeAt(), next.invocationRequested(), next.invocationActive(),
        next.invocationStartedAt(), next.parentExecutionId(), next.parentOperationId());
    return sameCounters.equals(old) ? e : null;
  }

  void put(ExecutionRecord row, long seq, long version) {
    entries.put(row.executionId(), new Entry(seq, version, row));
  }

  void clear() {
    entries.clear();
  }
}
