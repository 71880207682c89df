package dev.durable.local.internal;

import dev.durable.core.service.ExecutionStore;
import dev.durable.local.LeaseStore;
import dev.durable.local.RuntimeEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The validated settings of one runtime (built by {@code LocalRuntime.Builder}).
 *
 * @param store the journal
 * @param leases the lease table (usually the same object as the store)
 * @param ownsStore true when the runtime opened the store and must close it
 * @param clock the only source of time
 * @param workerThreads invocations that may run at once
 * @param pollInterval how often the scheduler looks for work written by other processes
 * @param workerId lease owner id; unique per live runtime
 * @param leaseTtl how long a claim lasts without renewal
 * @param shutdownTimeout how long {@code close()} waits for running invocations
 * @param listener worker events
 */
public record RuntimeSettings(
    ExecutionStore store,
    LeaseStore leases,
    boolean ownsStore,
    Clock clock,
    int workerThreads,
    Duration pollInterval,
    String workerId,
    Duration leaseTtl,
    Duration shutdownTimeout,
    Consumer<RuntimeEvent> listener) {

  /** A default worker id: host, process id and a random suffix, so two runtimes never share one. */
  public static String defaultWorkerId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "local");
    String suffix = Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16));
    return host + '-' + ProcessHandle.current().pid() + '-' + suffix;
  }
}
