package dev.durable.agents.internal;

import dev.durable.agents.ProviderException;
import dev.durable.core.retry.Jitter;
import dev.durable.core.retry.RetryPolicy;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/** The durable retry policy of model calls: retry only what the provider may accept later, waiting at least its Retry-After. */
public final class ModelRetry {
  private ModelRetry() {}

  /** {@code maxAttempts} attempts; backoff 5 s ×2 up to 60 s, randomized, or the provider's Retry-After if longer. */
  public static RetryPolicy policy(int maxAttempts) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(5), 2.0, 0.5, Duration.ofSeconds(60));
    IntervalBiFunction<Object> interval = (attempt, outcome) -> {
      long millis = backoff.apply(attempt);
      if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException p && p.retryAfter() != null) {
        millis = Math.max(millis, p.retryAfter().toMillis());
      }
      return millis;
    };
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(maxAttempts)
        .retryOnException(ModelRetry::retryable)
        .intervalBiFunction(interval)
        .build();
    return RetryPolicy.from(config, Jitter.NONE);
  }

  private static boolean retryable(Throwable error) {
    return error instanceof ProviderException p && p.retryable();
  }
}
