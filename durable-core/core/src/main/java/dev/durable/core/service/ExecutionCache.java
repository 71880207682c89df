package dev.durable.core.service;

import dev.durable.core.model.ExecutionStatus;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Working copies of executions, one lock per execution, and the write-through to the store.
 *
 * <p>A rule runs under the execution's monitor against its {@link LiveExecution}; afterwards the
 * cache writes the delta in one store write. If the rule throws after changing something, or the
 * write fails, the copy is dropped (the store stays the truth) and the next call reloads it. A
 * {@link StoreConflictException} (another process wrote first) is retried on a fresh copy (up to ten times), and
 * so is a request refused against a cached copy, which another process may have made stale.
 *
 * <p>Copies stay cached while the execution is being invoked or waits for an invocation; an idle
 * (suspended) or closed execution is dropped, so that suspended runs hold no memory.
 */
final class ExecutionCache {
  private static final int MAX_CONFLICT_RETRIES = 10;
  private final ExecutionStore store;
  private final ConcurrentHashMap<String, LiveExecution> live = new ConcurrentHashMap<>();
  private final Consumer<LiveExecution.FollowUp> followUps;

  ExecutionCache(ExecutionStore store, Consumer<LiveExecution.FollowUp> followUps) {
    this.store = store;
    this.followUps = followUps;
  }

  /**
   * Runs {@code rule} on the execution under its lock and stores what it changed. Work the rule
   * left for other executions (a parent to notify, children to stop) runs after the lock is
   * released, so that two executions' locks are never held together.
   */
  <T> T withExecution(String executionId, Function<LiveExecution, T> rule) {
    for (int attempt = 0; ; attempt++) {
      boolean wasCached = live.containsKey(executionId);
      LiveExecution x = get(executionId);
      T result = null;
      RuntimeException failure = null;
      LiveExecution.FollowUp followUp;
      synchronized (x) {
        if (x.discarded) {
          attempt--; // another thread replaced the copy; this is not a conflict
          continue;
        }
        x.atSafePoint = false;
        try {
          result = rule.apply(x);
          commit(x);
        } catch (StoreConflictException e) {
          discard(x);
          // a busy worker in another process may win several races in a row; each retry is a fresh load
          if (attempt >= MAX_CONFLICT_RETRIES) {
            throw e;
          }
          continue;
        } catch (ServiceException e) {
          if (wasCached && attempt == 0) {
            // the copy may be stale (another process moved the execution on): judge a fresh one
            discard(x);
            continue;
          }
          keepOrDiscard(x);
          failure = e;
        } catch (RuntimeException | Error e) {
          if (x.hasUncommittedChanges()) {
            discard(x);
          }
          throw e;
        }
        followUp = x.takeFollowUp();
        if (!x.discarded) {
          evictIfIdle(x);
        }
      }
      if (followUp != null) {
        followUps.accept(followUp);
      }
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }

  /** Stores a new execution and caches it. */
  void create(LiveExecution x) {
    synchronized (x) {
      commit(x);
      live.put(x.id, x);
      evictIfIdle(x);
    }
  }

  /** The cached copy, if any, without loading. */
  Optional<LiveExecution> cached(String executionId) {
    return Optional.ofNullable(live.get(executionId));
  }

  /** A rejected request keeps what is safe to keep (fired timers) and drops half-applied work. */
  private void keepOrDiscard(LiveExecution x) {
    if (!x.hasUncommittedChanges()) {
      return;
    }
    if (!x.atSafePoint) {
      discard(x);
      return;
    }
    try {
      commit(x);
    } catch (RuntimeException e) {
      discard(x);
    }
  }

  private LiveExecution get(String executionId) {
    LiveExecution x = live.get(executionId);
    if (x != null) {
      return x;
    }
    StoredExecution stored = store.load(executionId).orElseThrow(
        () -> ServiceException.notFound("Execution " + executionId + " not found."));
    LiveExecution loaded = LiveExecution.fromStored(stored, store::history);
    LiveExecution raced = live.putIfAbsent(executionId, loaded);
    return raced != null ? raced : loaded;
  }

  private void commit(LiveExecution x) {
    TimerRules.recomputeWakeAt(x);
    ExecutionWrite write = x.pendingWrite();
    if (write != null) {
      store.write(write);
      x.committed(write);
    }
  }

  private void discard(LiveExecution x) {
    x.discarded = true;
    x.parentNotice = null;
    x.childrenToStop.clear();
    live.remove(x.id, x);
  }

  private void evictIfIdle(LiveExecution x) {
    if (x.status != ExecutionStatus.RUNNING || (!x.invocationActive && !x.invocationRequested)) {
      x.discarded = true; // threads already waiting for the lock re-fetch a fresh copy
      live.remove(x.id, x);
    }
  }
}
