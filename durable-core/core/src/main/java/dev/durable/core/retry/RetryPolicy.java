package dev.durable.core.retry;

import dev.durable.core.IllegalDurableOperationException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When and how long to wait before retrying a failed step. Retries are durable: the failed attempt
 * is journaled with its delay and the run suspends, holding no thread until the retry is due.
 *
 * <p>Built on resilience4j-retry: the attempt limit and the retryable-exception predicates are a
 * {@link RetryConfig}, the backoff an {@link IntervalFunction}; this class adds only the jitter and
 * the rounding to whole seconds that the durable-execution service requires.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofSeconds(2), Duration.ofMinutes(1), 2.0, Jitter.FULL)
 *     .retryOn(IOException.class)
 *     .ignore(IllegalArgumentException.class);
 * ctx.step("fetch", Page.class, s -> http.get(url), StepOptions.defaults().withRetry(policy));
 * }</pre>
 */
public final class RetryPolicy {
  private static final long MAX_DELAY_SECONDS = 31_622_400L;
  private static final RetryPolicy DEFAULT =
      exponential(6, Duration.ofSeconds(5), Duration.ofSeconds(60), 2.0, Jitter.FULL);
  private static final RetryPolicy NO_RETRY = new RetryPolicy(
      RetryConfig.custom().maxAttempts(1).build(), Jitter.NONE);

  private final RetryConfig config;
  private final Jitter jitter;

  private RetryPolicy(RetryConfig config, Jitter jitter) {
    this.config = config;
    this.jitter = jitter;
  }

  /** The AWS SDKs' default: 6 attempts, 5 s initial delay, ×2, 60 s cap, full jitter. */
  public static RetryPolicy defaults() {
    return DEFAULT;
  }

  /** One attempt only: the first failure fails the step. */
  public static RetryPolicy noRetry() {
    return NO_RETRY;
  }

  /**
   * Exponential backoff: the delay before attempt {@code n+1} is {@code initial × rate^(n-1)}, capped
   * at {@code max}, then jittered.
   *
   * @param maxAttempts total attempts including the first, at least 1
   */
  public static RetryPolicy exponential(
      int maxAttempts, Duration initial, Duration max, double rate, Jitter jitter) {
    requireAttempts(maxAttempts);
    requireSeconds("initial", initial);
    requireSeconds("max", max);
    if (rate < 1.0) {
      throw new IllegalDurableOperationException(
          "retry backoff rate must be >= 1.0, got " + rate + "; use 1.0 for a constant delay");
    }
    IntervalFunction interval = IntervalFunction.ofExponentialBackoff(initial, rate, max);
    return new RetryPolicy(
        RetryConfig.custom().maxAttempts(maxAttempts).intervalFunction(interval).build(),
        Objects.requireNonNull(jitter, "jitter"));
  }

  /** A constant delay between attempts, no jitter. */
  public static RetryPolicy fixed(int maxAttempts, Duration delay) {
    requireAttempts(maxAttempts);
    requireSeconds("delay", delay);
    return new RetryPolicy(
        RetryConfig.custom().maxAttempts(maxAttempts).intervalFunction(IntervalFunction.of(delay)).build(),
        Jitter.NONE);
  }

  /**
   * Adopts a resilience4j {@link RetryConfig}: its max attempts, exception predicates and interval
   * function (called with the 1-based number of the failed attempt).
   */
  public static RetryPolicy from(RetryConfig config, Jitter jitter) {
    return new RetryPolicy(Objects.requireNonNull(config, "config"), Objects.requireNonNull(jitter, "jitter"));
  }

  /** Only these exception types (and subtypes) are retried; others fail the step at once. */
  @SafeVarargs
  public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
    return new RetryPolicy(RetryConfig.from(config).retryExceptions(types).build(), jitter);
  }

  /** These exception types (and subtypes) are never retried. */
  @SafeVarargs
  public final RetryPolicy ignore(Class<? extends Throwable>... types) {
    return new RetryPolicy(RetryConfig.from(config).ignoreExceptions(types).build(), jitter);
  }

  /** Only errors matching {@code predicate} are retried. */
  public RetryPolicy retryIf(Predicate<Throwable> predicate) {
    return new RetryPolicy(RetryConfig.from(config).retryOnException(predicate).build(), jitter);
  }

  /** Total attempts allowed, including the first. */
  public int maxAttempts() {
    return config.getMaxAttempts();
  }

  /**
   * Decides after attempt {@code attempt} (1-based) failed with {@code error}.
   *
   * @param random a number in [0, 1) for the jitter
   */
  public RetryDecision decide(Throwable error, int attempt, double random) {
    if (attempt >= config.getMaxAttempts() || !config.getExceptionPredicate().test(error)) {
      return RetryDecision.fail();
    }
    // the bi-function is what resilience4j itself consults: it covers waitDuration-only configs too
    Long millis = config.<Object>getIntervalBiFunction().apply(attempt, Either.left(error));
    if (millis == null) {
      millis = 1000L;
    }
    double seconds = jitter.apply(millis / 1000.0, random);
    long whole = Math.max(1L, Math.min(MAX_DELAY_SECONDS, Math.round(seconds)));
    return RetryDecision.retryAfter(Duration.ofSeconds(whole));
  }

  private static void requireAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalDurableOperationException(
          "retry maxAttempts must be >= 1 (it counts the first attempt), got " + maxAttempts);
    }
  }

  private static void requireSeconds(String what, Duration d) {
    if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalDurableOperationException(
          "retry " + what + " delay must be at least 1 second (the service schedules retries in whole"
              + " seconds), got " + d);
    }
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts() + ", jitter=" + jitter + "]";
  }
}
