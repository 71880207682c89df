package dev.durable.core.internal;

import dev.durable.core.ExecutorOptions;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.service.DurableService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * State of one invocation: the journal as the handler sees it, the checkpointer, and the accounting
 * of workflow threads that decides when to suspend. A thread is <em>active</em> while it can make
 * progress; it deregisters while it waits. When no thread is active and one is waiting, nothing can
 * happen until the service completes something, so the invocation suspends.
 */
final class Invocation {
  final String executionArn;
  final String executionId;
  final DurableService service;
  final ExecutorOptions options;
  final ExecutorService executor;
  final Checkpointer checkpointer;

  private final Map<String, Operation> ops = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private int active;
  private int waiting;
  /** Conditions of the threads now waiting; a ready one means a thread is about to progress. */
  private final java.util.Set<BooleanSupplier> waiters =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private boolean suspended;
  /** The service completed something after the decision to suspend; nobody has seen it. */
  private boolean newsAfterSuspending;
  private boolean closed;
  private Throwable fatal;
  private String swallowedBy;
  private boolean handlerDone;
  private Object handlerResult;
  private Throwable handlerError;

  Invocation(String executionArn, String executionId, DurableService service, ExecutorOptions options,
      ExecutorService executor, String token, List<Operation> initial) {
    this.executionArn = executionArn;
    this.executionId = executionId;
    this.service = service;
    this.options = options;
    this.executor = executor;
    this.checkpointer = new Checkpointer(this, token);
    for (Operation op : initial) {
      ops.put(op.id(), op);
    }
  }

  Operation op(String id) {
    return ops.get(id);
  }

  /**
   * True when a result the suspended threads waited for arrived after the decision to suspend (in
   * the response of the last checkpoint). The service counts it as delivered, yet no code saw it:
   * the engine must replay at once instead of returning PENDING, or the run would sleep on it.
   */
  boolean wokenAfterSuspending() {
    synchronized (lock) {
      return newsAfterSuspending;
    }
  }

  /** A status only the service gives: a wait or callback or invoke ended, a retry came due. */
  private static boolean completedByTheService(Operation before, Operation after) {
    if (before != null && before.status() == after.status()) {
      return false;
    }
    return switch (after.type()) {
      case WAIT, CALLBACK, CHAINED_INVOKE -> after.status() != OperationStatus.STARTED
          && after.status() != OperationStatus.PENDING;
      case STEP -> after.status() == OperationStatus.READY;
      default -> false;
    };
  }

  /** Every operation this invocation knows, as the service last reported it. */
  List<Operation> operations() {
    return List.copyOf(ops.values());
  }

  boolean hasOperationsBesidesExecution() {
    return ops.size() > 1;
  }

  void merge(List<Operation> changed) {
    if (changed == null || changed.isEmpty()) {
      return;
    }
    synchronized (lock) {
      for (Operation op : changed) {
        Operation before = ops.put(op.id(), op);
        if (suspended && completedByTheService(before, op)) {
          newsAfterSuspending = true;
        }
      }
      // only waiting threads care about operation changes; waking the invoking thread per step costs CPU
      if (waiting > 0) {
        lock.notifyAll();
      }
    }
  }

  /** Wakes threads waiting in {@link #await} to re-check their condition. */
  void signal() {
    synchronized (lock) {
      if (waiting > 0) {
        lock.notifyAll();
      }
    }
  }

  /** Throws the suspension signal if this invocation may no longer run durable operations. */
  void checkUsable() {
    synchronized (lock) {
      if (suspended || closed || fatal != null) {
        throw SuspendSignal.INSTANCE;
      }
    }
  }

  boolean isSuspendedOrClosed() {
    synchronized (lock) {
      return suspended || closed || fatal != null;
    }
  }

  /** Ends the invocation with {@code cause}; returns the signal for the caller to throw. */
  SuspendSignal abort(Throwable cause) {
    synchronized (lock) {
      if (fatal == null) {
        fatal = cause;
      }
      lock.notifyAll();
    }
    return SuspendSignal.INSTANCE;
  }

  /** Notes that user code caught the suspension signal and carried on. */
  void swallowed(String where) {
    synchronized (lock) {
      if (swallowedBy == null) {
        swallowedBy = where;
      }
      lock.notifyAll();
    }
  }

  void threadStarted() {
    synchronized (lock) {
      active++;
    }
  }

  void threadEnded() {
    synchronized (lock) {
      active--;
      lock.notifyAll();
    }
  }

  /**
   * Blocks the calling workflow thread until {@code ready}. While it waits it does not count as
   * active; if {@code serviceDriven} and other threads still run, it polls the service now and then
   * so that timers and callbacks completed meanwhile are seen.
   */
  void await(BooleanSupplier ready, boolean serviceDriven) {
    if (ready.getAsBoolean()) {
      return;
    }
    long pollMillis = Math.max(10, options.pollInterval().toMillis());
    while (true) {
      boolean poll = false;
      synchronized (lock) {
        active--;
        waiting++;
        waiters.add(ready);
        lock.notifyAll();
        try {
          long deadline = System.nanoTime() + pollMillis * 1_000_000L;
          while (true) {
            if (ready.getAsBoolean()) {
              return;
            }
            if (suspended || closed || fatal != null) {
              throw SuspendSignal.INSTANCE;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (serviceDriven && active > 0 && left <= 0) {
              poll = true;
              break;
            }
            lock.wait(serviceDriven && active > 0 ? Math.max(1, left) : 0);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw abort(e);
        } finally {
          waiters.remove(ready);
          waiting--;
          active++;
        }
      }
      if (poll) {
        checkpointer.poll();
        pollMillis = Math.min(pollMillis * 2, 10_000);
      }
    }
  }

  void handlerFinished(Object result, Throwable error) {
    synchronized (lock) {
      handlerDone = true;
      handlerResult = result;
      handlerError = error;
      lock.notifyAll();
    }
  }

  /** Waits until the handler finished, the invocation failed, or nothing can progress. */
  Outcome awaitOutcome() throws InterruptedException {
    synchronized (lock) {
      while (!handlerDone && fatal == null && !(active == 0 && waiting > 0 && noWaiterReady())) {
        lock.wait();
      }
      if (!handlerDone && fatal == null) {
        suspended = true;
        lock.notifyAll();
        long deadline = System.nanoTime() + options.unwindTimeout().toNanos();
        // give the handler a moment to unwind, to tell a clean suspension from a swallowed one
        while (!handlerDone && fatal == null) {
          long left = (deadline - System.nanoTime()) / 1_000_000L;
          if (left <= 0) {
            break;
          }
          lock.wait(left);
        }
        boolean clean = !handlerDone || (handlerError != null && SuspendSignal.isIn(handlerError));
        if (fatal == null && (!clean || swallowedBy != null)) {
          return new Outcome(Kind.SWALLOWED, null, null, swallowedBy == null ? "the handler" : swallowedBy);
        }
      }
      if (fatal != null) {
        // let the handler unwind first, so a retried invocation never overlaps with this one
        long deadline = System.nanoTime() + options.unwindTimeout().toNanos();
        while (!handlerDone) {
          long left = (deadline - System.nanoTime()) / 1_000_000L;
          if (left <= 0) {
            break;
          }
          lock.wait(left);
        }
        return new Outcome(Kind.FATAL, null, fatal, null);
      }
      if (handlerDone && !suspended) {
        if (swallowedBy != null) {
          return new Outcome(Kind.SWALLOWED, null, null, swallowedBy);
        }
        return handlerError == null
            ? new Outcome(Kind.RETURNED, handlerResult, null, null)
            : new Outcome(Kind.THREW, null, handlerError, null);
      }
      return new Outcome(Kind.SUSPENDED, null, null, null);
    }
  }

  /**
   * True when no waiting thread's condition holds. A thread whose condition became true has not
   * re-registered yet (it needs the lock), so it still counts as waiting; suspending then would
   * strand it.
   */
  private boolean noWaiterReady() {
    for (BooleanSupplier w : waiters) {
      if (w.getAsBoolean()) {
        return false;
      }
    }
    return true;
  }

  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  enum Kind { RETURNED, THREW, SUSPENDED, FATAL, SWALLOWED }

  record Outcome(Kind kind, Object result, Throwable error, String swallowedBy) {}
}
