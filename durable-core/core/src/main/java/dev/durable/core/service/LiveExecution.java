package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The service's in-memory working copy of one execution. Every rule reads and changes this object
 * and the cache writes only the delta ({@link #pendingWrite}) to the store, so a checkpoint costs
 * O(updates), not O(operations). Guarded by its own monitor (see {@link ExecutionCache}).
 *
 * <p>Besides the row fields of {@link ExecutionRecord} it keeps indexes that are rebuilt on load:
 * start order, a change log (which operation changed at which change number, so "changed since the
 * handler last looked" needs no scan), a timer queue, callback ids and unstarted chained invokes.
 */
final class LiveExecution {

  /** Function and input of a chained invoke whose target is not started yet. */
  record InvokeRequest(String functionName, String payload) {}

  /** A closed child execution whose outcome must be delivered to its parent's CHAINED_INVOKE. */
  record ParentNotice(String parentExecutionId, String parentOperationId, String childExecutionId,
      ExecutionStatus status, String result, ErrorObject error) {}

  final String id;
  final String arn;
  final String functionName;
  final String executionName;
  final String inputPayload;
  final Instant startTimestamp;

  ExecutionStatus status;
  String result;
  ErrorObject error;
  Instant endTimestamp;
  Instant timeoutAt;
  long tokenSeq;
  long seenChangeSeq;
  long changeSeq;
  long opSeq;
  int eventCount;
  Instant wakeAt;
  boolean invocationRequested;
  boolean invocationActive;
  Instant invocationStartedAt;
  String parentExecutionId;
  String parentOperationId;

  /** Store version this copy is based on; -1 until the creating write succeeded. */
  long version;
  /** Set when this copy no longer matches the store and must not be used. */
  boolean discarded;
  /**
   * Set by a rule when the changes made so far are complete state (timers that fired) that must be
   * stored even if the request then fails validation; cleared before applying a request.
   */
  boolean atSafePoint;
  /** Remaining pages of the last checkpoint response, valid while {@link #stashTokenSeq} holds. */
  List<Operation> stash;
  long stashTokenSeq = -1;
  /** Outcome to hand to the parent execution once this execution's lock is released. */
  ParentNotice parentNotice;
  /** Child executions of cancelled chained invokes, to stop once the lock is released. */
  final List<String> childrenToStop = new ArrayList<>();

  /** Work on other executions that must wait until this execution's lock is released. */
  record FollowUp(ParentNotice parentNotice, List<String> childrenToStop) {}

  private String currentToken;
  private ExecutionRecord lastWritten;
  private final Map<String, OperationRecord> ops = new HashMap<>();
  private final List<String> startOrder = new ArrayList<>();
  private final List<String> changeLog = new ArrayList<>();
  private long logBase;
  private final PriorityQueue<TimerRules.Timer> timers = new PriorityQueue<>();
  private long timerSeq;
  private final Map<String, String> callbackOps = new HashMap<>();
  private final Map<String, InvokeRequest> pendingInvokes = new LinkedHashMap<>();
  private int waitingOps;
  private int readySteps;
  private List<OperationRecord> txOps = new ArrayList<>();
  private List<HistoryEvent> txEvents = new ArrayList<>();

  LiveExecution(ExecutionRecord row, long version) {
    this.id = row.executionId();
    this.arn = row.executionArn();
    this.functionName = row.functionName();
    this.executionName = row.executionName();
    this.inputPayload = row.inputPayload();
    this.startTimestamp = row.startTimestamp();
    this.status = row.status();
    this.result = row.result();
    this.error = row.error();
    this.endTimestamp = row.endTimestamp();
    this.timeoutAt = row.timeoutAt();
    this.tokenSeq = row.tokenSeq();
    this.seenChangeSeq = row.seenChangeSeq();
    this.changeSeq = row.changeSeq();
    this.opSeq = row.opSeq();
    this.eventCount = row.eventCount();
    this.wakeAt = row.wakeAt();
    this.invocationRequested = row.invocationRequested();
    this.invocationActive = row.invocationActive();
    this.invocationStartedAt = row.invocationStartedAt();
    this.parentExecutionId = row.parentExecutionId();
    this.parentOperationId = row.parentOperationId();
    this.version = version;
    this.logBase = row.changeSeq();
    if (version >= 0) {
      this.lastWritten = row;
    }
  }

  /**
   * Rebuilds the working copy of a stored execution. {@code history} is read only when a chained
   * invoke still waits for its target: its function and input live in the ChainedInvokeStarted
   * event, not in the operation.
   */
  static LiveExecution fromStored(StoredExecution stored,
      Function<String, List<HistoryEvent>> history) {
    ExecutionRecord row = stored.execution();
    LiveExecution x = new LiveExecution(row, stored.version());
    x.logBase = Math.min(row.seenChangeSeq(), row.changeSeq());
    int window = (int) (row.changeSeq() - x.logBase);
    for (int i = 0; i < window; i++) {
      x.changeLog.add(null);
    }
    List<String> unstarted = new ArrayList<>();
    for (OperationRecord rec : stored.operations()) {
      String opId = rec.operation().id();
      x.ops.put(opId, rec);
      x.startOrder.add(opId);
      x.indexOperation(null, rec);
      long slot = rec.changeSeq() - x.logBase - 1;
      if (slot >= 0 && slot < window) {
        x.changeLog.set((int) slot, opId);
      }
      if (rec.isPendingInvoke()) {
        unstarted.add(opId);
      }
    }
    if (!unstarted.isEmpty()) {
      for (HistoryEvent e : history.apply(row.executionId())) {
        if ("ChainedInvokeStarted".equals(e.eventType()) && unstarted.contains(e.id())) {
          x.pendingInvokes.put(e.id(), new InvokeRequest(e.functionName(), e.payload()));
        }
      }
    }
    return x;
  }

  // ---- operations -------------------------------------------------------------------------

  /** The operation record with this id, or null. */
  OperationRecord op(String opId) {
    return ops.get(opId);
  }

  /** Number of operations, including the EXECUTION operation. */
  int operationCount() {
    return ops.size();
  }

  /** The operation at position {@code index} of start order. */
  OperationRecord opAt(int index) {
    return ops.get(startOrder.get(index));
  }

  /** Inserts or replaces an operation the handler can see, keeping its service bookkeeping. */
  OperationRecord upsert(Operation op) {
    OperationRecord prev = ops.get(op.id());
    return prev == null
        ? upsert(op, null, null, 0, null)
        : upsert(op, prev.timeoutAt(), prev.heartbeatAt(), prev.heartbeatSeconds(),
            prev.childExecutionId());
  }

  /**
   * Inserts or replaces an operation the handler can see: it gets the next change number, so the
   * next checkpoint response (or the next invocation's updated ids) reports it.
   */
  OperationRecord upsert(Operation op, Instant timeoutAt, Instant heartbeatAt,
      int heartbeatSeconds, String childExecutionId) {
    OperationRecord prev = ops.get(op.id());
    long startSeq = prev == null ? ++opSeq : prev.startSeq();
    OperationRecord rec = new OperationRecord(op, startSeq, ++changeSeq, timeoutAt, heartbeatAt,
        heartbeatSeconds, childExecutionId);
    store(prev, rec);
    changeLog.add(op.id());
    return rec;
  }

  /**
   * Replaces only the service bookkeeping of an operation (heartbeat deadline, child execution):
   * persisted, but not reported to the handler because the operation itself did not change.
   */
  void replaceBookkeeping(OperationRecord rec) {
    store(ops.get(rec.operation().id()), rec);
  }

  private void store(OperationRecord prev, OperationRecord rec) {
    String opId = rec.operation().id();
    ops.put(opId, rec);
    if (prev == null) {
      startOrder.add(opId);
    }
    // A batch's START and SUCCEED of one step are adjacent: keep only the latest record.
    int last = txOps.size() - 1;
    if (last >= 0 && txOps.get(last).operation().id().equals(opId)) {
      txOps.set(last, rec);
    } else {
      txOps.add(rec);
    }
    indexOperation(prev, rec);
  }

  private void indexOperation(OperationRecord prev, OperationRecord rec) {
    Operation op = rec.operation();
    if (prev != null) {
      waitingOps -= isWaiting(prev.operation()) ? 1 : 0;
      readySteps -= isReadyStep(prev.operation()) ? 1 : 0;
    }
    waitingOps += isWaiting(op) ? 1 : 0;
    readySteps += isReadyStep(op) ? 1 : 0;
    if (op.callbackDetails() != null && op.callbackDetails().callbackId() != null) {
      callbackOps.put(op.callbackDetails().callbackId(), op.id());
    }
    if (!rec.isPendingInvoke() && !pendingInvokes.isEmpty()) {
      pendingInvokes.remove(op.id());
    }
    TimerRules.schedule(this, prev, rec);
  }

  /** True for an operation the handler may legitimately suspend on (reference §2.2). */
  private static boolean isWaiting(Operation op) {
    OperationStatus s = op.status();
    return switch (op.type()) {
      case STEP -> s == OperationStatus.PENDING || s == OperationStatus.READY;
      case WAIT, CALLBACK, CHAINED_INVOKE -> s == OperationStatus.STARTED;
      default -> false;
    };
  }

  private static boolean isReadyStep(Operation op) {
    return op.type() == OperationType.STEP && op.status() == OperationStatus.READY;
  }

  /** True when some operation is pending, so that the handler may return PENDING. */
  boolean hasWaitingOperations() {
    return waitingOps > 0;
  }

  /** True when a step retry is due and the handler has not started it. */
  boolean hasReadySteps() {
    return readySteps > 0;
  }

  /** The operation id of a callback id, or null. */
  String callbackOperation(String callbackId) {
    return callbackOps.get(callbackId);
  }

  /** Remembers what a chained invoke wants started. */
  void addPendingInvoke(String opId, InvokeRequest request) {
    pendingInvokes.put(opId, request);
  }

  /** Chained invokes still waiting for their target, by operation id, in start order. */
  Map<String, InvokeRequest> pendingInvokes() {
    return pendingInvokes;
  }

  // ---- change tracking --------------------------------------------------------------------

  /** Operations whose latest change number is above {@code since}, in change order. */
  List<OperationRecord> changedSince(long since) {
    List<OperationRecord> out = new ArrayList<>();
    for (long seq = Math.max(since, logBase) + 1; seq <= changeSeq; seq++) {
      String opId = changeLog.get((int) (seq - logBase - 1));
      if (opId != null) {
        OperationRecord rec = ops.get(opId);
        if (rec.changeSeq() == seq) {
          out.add(rec);
        }
      }
    }
    return out;
  }

  /** True when something changed that the handler has not been told about. */
  boolean hasUnseenChanges() {
    return changeSeq > seenChangeSeq;
  }

  /** Marks everything as seen by the handler and forgets change-log entries nobody needs. */
  void markAllSeen() {
    seenChangeSeq = changeSeq;
    long drop = seenChangeSeq - logBase;
    if (drop > 1024 && drop > changeLog.size() / 2) {
      changeLog.subList(0, (int) drop).clear();
      logBase = seenChangeSeq;
    }
  }

  // ---- timers -----------------------------------------------------------------------------

  /** Adds a timer; stale timers stay queued and are skipped when they come up. */
  void addTimer(Instant at, String opId, TimerRules.Kind kind) {
    timers.add(new TimerRules.Timer(at, ++timerSeq, opId, kind));
  }

  /** The earliest live timer, dropping stale ones from the head of the queue; null if none. */
  TimerRules.Timer nextTimer() {
    TimerRules.Timer head;
    while ((head = timers.peek()) != null && !TimerRules.isLive(head, ops.get(head.opId()))) {
      timers.poll();
    }
    return head;
  }

  /** Removes the head timer returned by {@link #nextTimer}. */
  void popTimer() {
    timers.poll();
  }

  // ---- events, tokens and the store row ----------------------------------------------------

  /** Appends a history event to the pending write. */
  void addEvent(HistoryEvent event) {
    txEvents.add(event);
  }

  /** The token for the current {@link #tokenSeq}, encoded once. */
  String currentToken() {
    if (currentToken == null) {
      currentToken = Ids.token(id, tokenSeq);
    }
    return currentToken;
  }

  /** Moves to another token sequence, invalidating every older token. */
  void setTokenSeq(long seq) {
    tokenSeq = seq;
    currentToken = null;
  }

  /** True while the handler has returned nothing yet but an EXECUTION update stored the outcome. */
  boolean hasCheckpointedOutcome() {
    return status == ExecutionStatus.RUNNING && (result != null || error != null);
  }

  /** The row as the store keeps it. */
  ExecutionRecord toRecord() {
    return new ExecutionRecord(id, arn, functionName, executionName, status, inputPayload, result,
        error, startTimestamp, endTimestamp, timeoutAt, tokenSeq, seenChangeSeq, changeSeq, opSeq,
        eventCount, wakeAt, invocationRequested, invocationActive, invocationStartedAt,
        parentExecutionId, parentOperationId);
  }

  /** The write that persists every change since the last commit, or null if nothing changed. */
  ExecutionWrite pendingWrite() {
    ExecutionRecord row = toRecord();
    if (txOps.isEmpty() && txEvents.isEmpty() && row.equals(lastWritten)) {
      return null;
    }
    return new ExecutionWrite(version, row, txOps, txEvents);
  }

  /** Records that {@code write} reached the store. */
  void committed(ExecutionWrite write) {
    version = version < 0 ? 0 : version + 1;
    lastWritten = write.execution();
    // the write owns the lists now (a store may keep them): start new ones
    txOps = new ArrayList<>();
    txEvents = new ArrayList<>();
  }

  /** Takes the pending follow-up work, or null if there is none. */
  FollowUp takeFollowUp() {
    if (parentNotice == null && childrenToStop.isEmpty()) {
      return null;
    }
    FollowUp f = new FollowUp(parentNotice, List.copyOf(childrenToStop));
    parentNotice = null;
    childrenToStop.clear();
    return f;
  }

  /** True when this copy holds changes that did not reach the store. */
  boolean hasUncommittedChanges() {
    return !txOps.isEmpty() || !txEvents.isEmpty() || !toRecord().equals(lastWritten);
  }
}
