package dev.durable.core;

import dev.durable.core.retry.Jitter;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a {@link DurableContext#waitForCondition waitForCondition} sleeps between checks, and
 * when it gives up. Each sleep is durable: the run holds no thread while waiting.
 *
 * @param maxAttempts checks before giving up with {@link WaitForConditionFailedException}
 * @param initialDelay sleep after the first check
 * @param maxDelay cap on the sleep
 * @param rate growth factor per check
 * @param jitter randomization of each sleep
 */
public record WaitStrategy(int maxAttempts, Duration initialDelay, Duration maxDelay, double rate, Jitter jitter) {

  public WaitStrategy {
    if (maxAttempts < 1) {
      throw new IllegalDurableOperationException("wait strategy maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.compareTo(Duration.ofSeconds(1)) < 0
        || maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalDurableOperationException(
          "wait strategy needs initialDelay >= 1 s and maxDelay >= initialDelay, got initialDelay="
              + initialDelay + ", maxDelay=" + maxDelay);
    }
    if (rate < 1.0) {
      throw new IllegalDurableOperationException("wait strategy rate must be >= 1.0, got " + rate);
    }
  }

  /** The AWS SDKs' default: 60 checks, 5 s initial, ×1.5, 300 s cap, full jitter. */
  public static WaitStrategy defaults() {
    return new WaitStrategy(60, Duration.ofSeconds(5), Duration.ofSeconds(300), 1.5, Jitter.FULL);
  }

  /** Checks every {@code delay}, at most {@code maxAttempts} times. */
  public static WaitStrategy fixed(int maxAttempts, Duration delay) {
    return new WaitStrategy(maxAttempts, delay, delay, 1.0, Jitter.NONE);
  }

  /**
   * The sleep after check number {@code attempt} (1-based), or empty when no check is left.
   *
   * @param random a number in [0, 1) for the jitter
   */
  public Optional<Duration> delayAfter(int attempt, double random) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    long millis = IntervalFunction.ofExponentialBackoff(initialDelay, rate, maxDelay).apply(attempt);
    long seconds = Math.max(1L, Math.round(jitter.apply(millis / 1000.0, random)));
    return Optional.of(Duration.ofSeconds(seconds));
  }
}
