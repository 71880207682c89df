package dev.durable.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive, expiring claims on executions, so that two workers sharing one store never run the
 * same execution's invocation at the same time, and a dead worker's claims are taken over once they
 * expire.
 */
public interface LeaseStore {
  /**
   * Claims {@code executionId} for {@code owner} until {@code now + ttl}, if it is unclaimed, already
   * held by {@code owner}, or its claim expired. Atomic across processes.
   *
   * @return true if {@code owner} now holds the lease
   */
  boolean tryAcquire(String executionId, String owner, Instant now, Duration ttl);

  /**
   * {@link #tryAcquire} for several executions at once; returns those {@code owner} now holds, in
   * the given order. A store that writes durably should do it in one write: the scheduler claims
   * every run it dispatches this way, and one write per run made dispatching the bottleneck.
   */
  default List<String> tryAcquireAll(List<String> executionIds, String owner, Instant now,
      Duration ttl) {
    List<String> held = new ArrayList<>();
    for (String id : executionIds) {
      if (tryAcquire(id, owner, now, ttl)) {
        held.add(id);
      }
    }
    return held;
  }

  /** Extends a lease {@code owner} holds; false if it lost it meanwhile. */
  boolean renew(String executionId, String owner, Instant now, Duration ttl);

  /** Gives a lease up (no-op unless {@code owner} holds it). */
  void release(String executionId, String owner);
}
