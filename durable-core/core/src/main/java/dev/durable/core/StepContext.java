package dev.durable.core;

/** What a step body may use: its attempt number, an idempotency key and a logger. */
public interface StepContext {
  /** The attempt number, 1-based. */
  int attempt();

  /**
   * A key that is the same every time this attempt's body runs and differs between attempts and
   * steps: {@code <executionId>:<operationId>:<attempt>}. Pass it to payment or email APIs.
   */
  String idempotencyKey();

  /** The step's deterministic operation id. */
  String operationId();

  /** The step's name. */
  String name();

  /** A logger for the body; step bodies only run live, so it never drops messages. */
  DurableLogger logger();
}
