package dev.durable.bench;

import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService;
import java.util.List;

/**
 * A {@link DurableService} decorator that adds up the time spent inside the service's
 * {@code checkpoint} and {@code getState} calls, so that a row can split the library's cost into
 * engine and service. Costs two {@code System.nanoTime} reads per call (tens of nanoseconds).
 * Not thread-safe: the engine serializes checkpoint calls per invocation.
 */
public final class TimingService implements DurableService {
  private final DurableService delegate;
  private long nanos;
  private long calls;

  /** Wraps {@code delegate}. */
  public TimingService(DurableService delegate) {
    this.delegate = delegate;
  }

  @Override
  public CheckpointResult checkpoint(String executionArn, String checkpointToken, List<OperationUpdate> updates) {
    long t0 = System.nanoTime();
    try {
      return delegate.checkpoint(executionArn, checkpointToken, updates);
    } finally {
      nanos += System.nanoTime() - t0;
      calls++;
    }
  }

  @Override
  public StatePage getState(String executionArn, String checkpointToken, String marker, int maxItems) {
    long t0 = System.nanoTime();
    try {
      return delegate.getState(executionArn, checkpointToken, marker, maxItems);
    } finally {
      nanos += System.nanoTime() - t0;
      calls++;
    }
  }

  /** Nanoseconds spent in the service since the last reset. */
  public long nanos() {
    return nanos;
  }

  /** Calls since the last reset. */
  public long calls() {
    return calls;
  }

  /** Starts counting from zero. */
  public void reset() {
    nanos = 0;
    calls = 0;
  }
}
