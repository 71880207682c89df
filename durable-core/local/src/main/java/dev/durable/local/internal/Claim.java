package dev.durable.local.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One invocation this runtime is running under a lease. Exists from the lease's acquisition to its
 * release; nothing about the run outlives it.
 */
final class Claim {
  final String executionId;
  final String functionName;
  volatile Instant renewedAt;
  private final AtomicBoolean settled = new AtomicBoolean();

  Claim(String executionId, String functionName, Instant acquiredAt) {
    this.executionId = executionId;
    this.functionName = functionName;
    this.renewedAt = acquiredAt;
  }

  /**
   * True for the first caller only: either the invocation reports its own end, or shutdown
   * abandons it, never both.
   */
  boolean settle() {
    return settled.compareAndSet(false, true);
  }
}
