package dev.durable.core.service;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * An {@link ExecutionStore} that keeps everything on the heap: for tests and for runs that need no
 * durability. Thread-safe; each write is atomic and version-checked per execution.
 *
 * <p>A write costs O(operations and events in the write), independent of the execution's size:
 * operations sit in a per-execution map, events in a per-execution list, and the lookups the
 * service needs (by name, by callback id, by wake-up time, awaiting invocation, pending invokes)
 * are indexes maintained on write. {@link #load} and {@link #history} copy.
 */
public final class InMemoryExecutionStore implements ExecutionStore {

  /** One execution; guarded by its own monitor so that writes to different executions overlap. */
  private static final class Entry {
    volatile ExecutionRecord execution;
    final LinkedHashMap<String, OperationRecord> operations = new LinkedHashMap<>();
    final List<HistoryEvent> events = new ArrayList<>();
    final Set<String> pendingInvokeOps = new HashSet<>();
    long version;
  }

  private record WakeKey(Instant at, String executionId) {}

  private static final Comparator<WakeKey> WAKE_ORDER =
      Comparator.comparing(WakeKey::at).thenComparing(WakeKey::executionId);

  private final ConcurrentHashMap<String, Entry> executions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> byName = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> byCallbackId = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<WakeKey> wakeIndex = new ConcurrentSkipListSet<>(WAKE_ORDER);
  private final Set<String> awaitingInvocation =
      Collections.synchronizedSet(new LinkedHashSet<>());
  private final Set<String> withPendingInvokes = ConcurrentHashMap.newKeySet();

  /** An empty store. */
  public InMemoryExecutionStore() {}

  @Override
  public Optional<StoredExecution> load(String executionId) {
    Entry entry = executions.get(executionId);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      List<OperationRecord> ops = new ArrayList<>(entry.operations.values());
      if (!isInStartOrder(ops)) {
        ops.sort(Comparator.comparingLong(OperationRecord::startSeq));
      }
      return Optional.of(
          new StoredExecution(entry.execution, Collections.unmodifiableList(ops), entry.version));
    }
  }

  @Override
  public void write(ExecutionWrite write) {
    Objects.requireNonNull(write, "write");
    ExecutionRecord next = Objects.requireNonNull(write.execution(), "execution");
    String id = next.executionId();
    if (write.expectedVersion() < 0) {
      create(id, write);
      return;
    }
    Entry entry = executions.get(id);
    if (entry == null) {
      throw new StoreConflictException("Execution " + id + " does not exist in the store.");
    }
    synchronized (entry) {
      if (entry.version != write.expectedVersion()) {
        throw new StoreConflictException("Execution " + id + " is at version " + entry.version
            + ", the write expected " + write.expectedVersion() + '.');
      }
      apply(entry, write);
      entry.version++;
    }
  }

  private void create(String id, ExecutionWrite write) {
    if (executions.containsKey(id)) {
      throw new StoreConflictException("Execution " + id + " already exists.");
    }
    ExecutionRecord next = write.execution();
    String nameKey = nameKey(next.functionName(), next.executionName());
    String holder = byName.putIfAbsent(nameKey, id);
    if (holder != null && !holder.equals(id)) {
      throw new StoreConflictException("Execution name " + next.executionName()
          + " of function " + next.functionName() + " is taken by execution " + holder + '.');
    }
    Entry entry = new Entry();
    synchronized (entry) {
      if (executions.putIfAbsent(id, entry) != null) {
        if (holder == null) {
          byName.remove(nameKey, id);
        }
        throw new StoreConflictException("Execution " + id + " already exists.");
      }
      apply(entry, write);
    }
  }

  /** Applies the write and keeps the indexes in step; the caller holds the entry's monitor. */
  private void apply(Entry entry, ExecutionWrite write) {
    ExecutionRecord previous = entry.execution;
    ExecutionRecord next = write.execution();
    String id = next.executionId();
    for (OperationRecord op : write.operations()) {
      entry.operations.put(op.operation().id(), op);
      var callback = op.operation().callbackDetails();
      if (callback != null && callback.callbackId() != null) {
        byCallbackId.putIfAbsent(callback.callbackId(), id);
      }
      if (op.isPendingInvoke()) {
        entry.pendingInvokeOps.add(op.operation().id());
      } else if (!entry.pendingInvokeOps.isEmpty()) {
        entry.pendingInvokeOps.remove(op.operation().id());
      }
    }
    entry.events.addAll(write.events());
    entry.execution = next;

    boolean running = next.status() == ExecutionStatus.RUNNING;
    boolean wasRunning = previous != null && previous.status() == ExecutionStatus.RUNNING;
    Instant oldWake = wasRunning ? previous.wakeAt() : null;
    Instant newWake = running ? next.wakeAt() : null;
    if (!Objects.equals(oldWake, newWake)) {
      if (oldWake != null) {
        wakeIndex.remove(new WakeKey(oldWake, id));
      }
      if (newWake != null) {
        wakeIndex.add(new WakeKey(newWake, id));
      }
    }
    boolean awaited = wasRunning && previous.invocationRequested();
    boolean awaits = running && next.invocationRequested();
    if (awaited != awaits) {
      if (awaits) {
        awaitingInvocation.add(id);
      } else {
        awaitingInvocation.remove(id);
      }
    }
    if (running && !entry.pendingInvokeOps.isEmpty()) {
      withPendingInvokes.add(id);
    } else if (!withPendingInvokes.isEmpty()) {
      withPendingInvokes.remove(id);
    }
  }

  @Override
  public Optional<String> findByName(String functionName, String executionName) {
    return Optional.ofNullable(byName.get(nameKey(functionName, executionName)));
  }

  @Override
  public Optional<String> findByCallbackId(String callbackId) {
    return callbackId == null ? Optional.empty() : Optional.ofNullable(byCallbackId.get(callbackId));
  }

  @Override
  public List<String> dueExecutions(Instant now, int limit) {
    List<String> due = new ArrayList<>();
    for (WakeKey key : wakeIndex) {
      if (key.at().isAfter(now) || due.size() >= limit) {
        break;
      }
      if (!due.contains(key.executionId())) {
        due.add(key.executionId());
      }
    }
    return due;
  }

  @Override
  public Optional<Instant> nextWakeAt() {
    Iterator<WakeKey> first = wakeIndex.iterator();
    return first.hasNext() ? Optional.of(first.next().at()) : Optional.empty();
  }

  @Override
  public List<String> executionsAwaitingInvocation(int limit) {
    synchronized (awaitingInvocation) {
      return awaitingInvocation.stream().limit(limit).toList();
    }
  }

  @Override
  public List<String> executionsWithPendingInvokes(int limit) {
    return withPendingInvokes.stream().limit(limit).toList();
  }

  @Override
  public List<HistoryEvent> history(String executionId) {
    Entry entry = executions.get(executionId);
    if (entry == null) {
      return List.of();
    }
    synchronized (entry) {
      return List.copyOf(entry.events);
    }
  }

  @Override
  public List<ExecutionRecord> list(ExecutionQuery query) {
    int limit = Math.max(1, Math.min(query.limit(), 1000));
    return executions.values().stream()
        .map(entry -> entry.execution)
        .filter(e -> e != null && matches(e, query))
        .sorted(Comparator.comparing(ExecutionRecord::startTimestamp).reversed()
            .thenComparing(ExecutionRecord::executionId))
        .limit(limit)
        .toList();
  }

  private static boolean matches(ExecutionRecord e, ExecutionQuery q) {
    return (q.functionName() == null || q.functionName().equals(e.functionName()))
        && (q.status() == null || q.status() == e.status())
        && (q.startedAfter() == null || e.startTimestamp().isAfter(q.startedAfter()))
        && (q.startedBefore() == null || e.startTimestamp().isBefore(q.startedBefore()));
  }

  private static boolean isInStartOrder(List<OperationRecord> ops) {
    for (int i = 1; i < ops.size(); i++) {
      if (ops.get(i - 1).startSeq() > ops.get(i).startSeq()) {
        return false;
      }
    }
    return true;
  }

  private static String nameKey(String functionName, String executionName) {
    return functionName + '\n' + executionName;
  }
}
