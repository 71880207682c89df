package dev.durable.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LeaseStore} on the heap, for runtimes that share an in-memory
 * {@link dev.durable.core.service.InMemoryExecutionStore} inside one JVM (tests, demos). Atomic per
 * execution; expiry is judged by the {@code now} the caller passes, so tests can expire a lease by
 * moving their clock.
 *
 * <pre>{@code
 * var store = new InMemoryExecutionStore();
 * var leases = new InMemoryLeaseStore();
 * LocalRuntime rt = LocalRuntime.builder().store(store, leases).build();
 * }</pre>
 */
public final class InMemoryLeaseStore implements LeaseStore {
  private record Lease(String owner, Instant expiresAt) {}

  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

  /** An empty lease table. */
  public InMemoryLeaseStore() {}

  @Override
  public boolean tryAcquire(String executionId, String owner, Instant now, Duration ttl) {
    Objects.requireNonNull(owner, "owner");
    Lease next = new Lease(owner, now.plus(ttl));
    Lease result = leases.compute(executionId, (id, current) ->
        current == null || current.owner.equals(owner) || !current.expiresAt.isAfter(now)
            ? next : current);
    return result == next;
  }

  @Override
  public boolean renew(String executionId, String owner, Instant now, Duration ttl) {
    Lease next = new Lease(owner, now.plus(ttl));
    Lease result = leases.computeIfPresent(executionId, (id, current) ->
        current.owner.equals(owner) ? next : current);
    return result == next;
  }

  @Override
  public void release(String executionId, String owner) {
    leases.computeIfPresent(executionId, (id, current) -> current.owner.equals(owner) ? null : current);
  }

  /** The current holder of the lease on {@code executionId}, expired or not; null if none. */
  public String holder(String executionId) {
    Lease lease = leases.get(executionId);
    return lease == null ? null : lease.owner;
  }

  /** Number of leases held (expired ones included until taken over or released). */
  public int size() {
    return leases.size();
  }
}
