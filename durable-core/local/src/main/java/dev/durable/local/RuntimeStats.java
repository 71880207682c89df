package dev.durable.local;

/**
 * A snapshot of a {@link LocalRuntime}'s worker, for progress output and tests.
 *
 * @param workerId the id this runtime claims leases under
 * @param workerRunning true between {@link LocalRuntime#startWorker()} and {@link LocalRuntime#close()}
 * @param invocationsRunning invocations running right now (each holds an invoker thread)
 * @param runsTracked executions the runtime keeps any in-memory state for: the running invocations
 *     plus runs waiting out a backoff after a crashed invocation. A suspended run is never tracked.
 * @param invocationsCompleted invocations this runtime ended normally (SUCCEEDED, FAILED or PENDING)
 * @param invocationsCrashed invocations that threw out of the engine and were reported as crashed
 */
public record RuntimeStats(
    String workerId,
    boolean workerRunning,
    int invocationsRunning,
    int runsTracked,
    long invocationsCompleted,
    long invocationsCrashed) {}
