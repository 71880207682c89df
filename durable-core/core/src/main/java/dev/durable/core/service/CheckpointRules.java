package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService.CheckpointResult;
import dev.durable.core.service.DurableService.StatePage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CheckpointDurableExecution and GetDurableExecutionState (reference §2.5, §2.6): token rotation,
 * all-or-nothing batches, and paging.
 *
 * <p>Markers are opaque to callers: {@code a:<index>} pages through all operations in start order
 * (stable, because operations are only ever appended to that order); {@code c:<tokenSeq>:<offset>}
 * pages through the rest of one checkpoint response and is valid only until the next checkpoint.
 */
final class CheckpointRules {
  private CheckpointRules() {}

  /** Validates and applies {@code updates}; see {@link DurableService#checkpoint}. */
  static CheckpointResult checkpoint(LiveExecution x, String token, List<OperationUpdate> updates,
      Instant now, int pageSize) {
    if (x.wakeAt != null && !x.wakeAt.isAfter(now) && TimerRules.fireDue(x, now)) {
      // What fired is real state even if this request is refused below.
      x.atSafePoint = true;
    }
    if (x.status != ExecutionStatus.RUNNING) {
      throw invalid("Execution " + x.arn + " is "
          + (x.status == ExecutionStatus.STOPPED ? "stopped" : "closed (" + x.status + ")")
          + "; it accepts no more checkpoints.");
    }
    if (x.hasCheckpointedOutcome()) {
      throw invalid("Execution " + x.arn + " already checkpointed its outcome with an EXECUTION"
          + " update; it accepts no more checkpoints.");
    }
    requireCurrentToken(x, token);
    CheckpointValidator.validate(x, updates);

    x.atSafePoint = false; // from here on a failure must leave no trace
    for (OperationUpdate u : updates) {
      UpdateApplier.apply(x, u, now);
    }
    boolean terminal = !updates.isEmpty()
        && updates.get(updates.size() - 1).type() == OperationType.EXECUTION;
    x.setTokenSeq(x.tokenSeq + 1);
    List<OperationRecord> changed = x.changedSince(x.seenChangeSeq);
    x.markAllSeen();
    List<Operation> ops = new ArrayList<>(changed.size());
    for (OperationRecord rec : changed) {
      ops.add(rec.operation());
    }
    String nextToken = terminal ? null : x.currentToken();
    if (ops.size() <= pageSize) {
      x.stash = null;
      return new CheckpointResult(nextToken, ops, null);
    }
    x.stash = ops;
    x.stashTokenSeq = x.tokenSeq;
    return new CheckpointResult(nextToken, List.copyOf(ops.subList(0, pageSize)),
        changedMarker(x.tokenSeq, pageSize));
  }

  /** One page of operations; see {@link DurableService#getState}. */
  static StatePage state(LiveExecution x, String token, String marker, int maxItems,
      int pageSize) {
    requireCurrentToken(x, token);
    int size = maxItems <= 0 ? pageSize : Math.min(maxItems, pageSize);
    if (marker == null || marker.isEmpty()) {
      return allPage(x, 0, size);
    }
    try {
      if (marker.startsWith("a:")) {
        int from = Integer.parseInt(marker.substring(2));
        if (from >= 0 && from <= x.operationCount()) {
          return allPage(x, from, size);
        }
      } else if (marker.startsWith("c:")) {
        int colon = marker.indexOf(':', 2);
        long seq = Long.parseLong(marker.substring(2, colon));
        int from = Integer.parseInt(marker.substring(colon + 1));
        if (seq == x.tokenSeq && seq == x.stashTokenSeq && x.stash != null && from >= 0
            && from <= x.stash.size()) {
          int to = Math.min(x.stash.size(), from + size);
          return new StatePage(List.copyOf(x.stash.subList(from, to)),
              to < x.stash.size() ? changedMarker(seq, to) : null);
        }
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      // falls through to the refusal below
    }
    throw invalid("Invalid marker: " + marker);
  }

  /** The marker that continues the all-operations listing at {@code index}. */
  static String allMarker(int index) {
    return "a:" + index;
  }

  private static String changedMarker(long tokenSeq, int offset) {
    return "c:" + tokenSeq + ':' + offset;
  }

  private static StatePage allPage(LiveExecution x, int from, int size) {
    int to = Math.min(x.operationCount(), from + size);
    List<Operation> page = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      page.add(x.opAt(i).operation());
    }
    return new StatePage(page, to < x.operationCount() ? allMarker(to) : null);
  }

  /**
   * Accepts only the token returned last in the active invocation. Every refusal starts with
   * "Invalid checkpoint token" so that SDKs treat it as retryable (reference §2.11).
   */
  static void requireCurrentToken(LiveExecution x, String token) {
    if (!x.invocationActive) {
      throw invalid("Invalid checkpoint token: no invocation of execution " + x.arn
          + " is active.");
    }
    if (token != null && token.equals(x.currentToken())) {
      return;
    }
    long seq = Ids.tokenSeq(token, x.id);
    if (seq < 0) {
      throw invalid("Invalid checkpoint token: it is malformed or belongs to another execution.");
    }
    if (Ids.invocationOf(seq) != Ids.invocationOf(x.tokenSeq)) {
      throw invalid("Invalid checkpoint token: it belongs to an earlier invocation of the"
          + " execution.");
    }
    throw invalid("Invalid checkpoint token: it was already used; pass the token the previous"
        + " checkpoint returned.");
  }
}
