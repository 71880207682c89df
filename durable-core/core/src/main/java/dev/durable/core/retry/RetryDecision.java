package dev.durable.core.retry;

import java.time.Duration;

/**
 * What a {@link RetryPolicy} decided after a failed attempt.
 *
 * @param retry true to schedule another attempt
 * @param delay how long to wait before it (whole seconds, at least one), null when not retrying
 */
public record RetryDecision(boolean retry, Duration delay) {
  /** Retry after {@code delay}. */
  public static RetryDecision retryAfter(Duration delay) {
    return new RetryDecision(true, delay);
  }

  /** Give up: the step fails. */
  public static RetryDecision fail() {
    return new RetryDecision(false, null);
  }
}
