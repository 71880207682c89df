package dev.durable.local;

import java.time.Duration;
import java.time.Instant;

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

  /** Extends a lease {@code owner} holds; false if it lost it meanwhile. */
  boolean renew(String executionId, String owner, Instant now, Duration ttl);

  /** Gives a lease up (no-op unless {@code owner} holds it). */
  void release(String executionId, String owner);
}
