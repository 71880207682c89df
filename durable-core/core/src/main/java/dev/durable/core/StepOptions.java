package dev.durable.core;

import dev.durable.core.retry.RetryPolicy;
import dev.durable.core.serde.SerDes;
import java.util.Objects;

/**
 * Per-step options.
 *
 * <pre>{@code
 * ctx.step("charge", Payment.class, s -> payments.charge(order, s.idempotencyKey()),
 *     StepOptions.atMostOncePerRetry().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(10))));
 * }</pre>
 *
 * @param retry when to retry a failed attempt
 * @param semantics at-least-once (default) or at-most-once per attempt
 * @param serDes serializer for the result, or null for the function's default
 */
public record StepOptions(RetryPolicy retry, StepSemantics semantics, SerDes serDes) {
  private static final StepOptions DEFAULTS =
      new StepOptions(RetryPolicy.defaults(), StepSemantics.AT_LEAST_ONCE_PER_RETRY, null);

  public StepOptions {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(semantics, "semantics");
  }

  /** Default retries (6 attempts, exponential, full jitter), at-least-once per attempt. */
  public static StepOptions defaults() {
    return DEFAULTS;
  }

  /** Default retries, at-most-once per attempt: the attempt's start is journaled first. */
  public static StepOptions atMostOncePerRetry() {
    return DEFAULTS.withSemantics(StepSemantics.AT_MOST_ONCE_PER_RETRY);
  }

  /** Defaults without retries: the first failure fails the step. */
  public static StepOptions noRetry() {
    return DEFAULTS.withRetry(RetryPolicy.noRetry());
  }

  /** A copy with another retry policy. */
  public StepOptions withRetry(RetryPolicy policy) {
    return new StepOptions(policy, semantics, serDes);
  }

  /** A copy with other semantics. */
  public StepOptions withSemantics(StepSemantics newSemantics) {
    return new StepOptions(retry, newSemantics, serDes);
  }

  /** A copy with another serializer for the result. */
  public StepOptions withSerDes(SerDes newSerDes) {
    return new StepOptions(retry, semantics, newSerDes);
  }
}
