package dev.durable.local.internal;

import dev.durable.core.service.DurableExecutionService;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One invocation this runtime is running under a lease. Exists from the lease's acquisition to its
 * release; nothing about the run outlives it.
 */
final class Claim {
  final String executionId;
  final String functionName;
  /**
   * The invocation's own service: it loaded the run once, under the lease, to check it, and the
   * invocation begins on that copy instead of loading the history a second time.
   */
  final DurableExecutionService service;
  volatile Instant renewedAt;
  private final AtomicBoolean settled = new AtomicBoolean();

  Claim(String executionId, String functionName, DurableExecutionService service,
      Instant acquiredAt) {
    this.executionId = executionId;
    this.functionName = functionName;
    this.service = service;
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
