package dev.durable.local.internal;

import dev.durable.core.service.DurableExecutionService;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services offered to a run's next invocation by the code that just asked for it (a callback
 * completed through this runtime). Such a service holds the run's copy it loaded moments ago, so
 * the invocation begins on it instead of loading the history again: after the replay itself, that
 * load was a resume's largest cost (about 0.6 ms of a 100-step run).
 *
 * <p>Only briefly: an offer not taken within a second is dropped, and at most {@link #MAX} wait,
 * so that no suspended run's history stays in memory. A stale copy (another process wrote the run
 * meanwhile) is safe: its version no longer matches the store, the write that begins the
 * invocation fails, and the service retries on a fresh load.
 */
final class Handoffs {
  private static final int MAX = 64;
  private static final long TTL_NANOS = 1_000_000_000L;

  private record Offer(DurableExecutionService service, long atNanos) {}

  private final ConcurrentHashMap<String, Offer> offers = new ConcurrentHashMap<>();

  void offer(String executionId, DurableExecutionService service) {
    if (offers.size() < MAX) {
      offers.put(executionId, new Offer(service, System.nanoTime()));
    }
  }

  /** The service offered for the run, if any and still fresh; the offer is used up. */
  DurableExecutionService take(String executionId) {
    Offer o = offers.remove(executionId);
    return o == null || System.nanoTime() - o.atNanos() > TTL_NANOS ? null : o.service();
  }

  /** Drops offers nobody took in time. */
  void expire() {
    long now = System.nanoTime();
    offers.values().removeIf(o -> now - o.atNanos() > TTL_NANOS);
  }
}
