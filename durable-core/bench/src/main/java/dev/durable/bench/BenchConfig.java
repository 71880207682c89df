package dev.durable.bench;

/**
 * Sizes of one benchmark run.
 *
 * @param steps operations per invocation (and Jackson operations per reference run)
 * @param warmupRuns untimed full runs before measuring
 * @param timedRuns timed runs; the row reports their medians
 * @param timeoutSeconds how long one suite may run before it is reported as hung (FAIL)
 */
public record BenchConfig(int steps, int warmupRuns, int timedRuns, int timeoutSeconds) {

  /** Validates the sizes. */
  public BenchConfig {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1: " + steps);
    }
    if (warmupRuns < 0) {
      throw new IllegalArgumentException("warmupRuns must be >= 0: " + warmupRuns);
    }
    if (timedRuns < 1) {
      throw new IllegalArgumentException("timedRuns must be >= 1: " + timedRuns);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeoutSeconds must be >= 1: " + timeoutSeconds);
    }
  }

  /** Sizes with the default timeout of 180 seconds per suite. */
  public BenchConfig(int steps, int warmupRuns, int timedRuns) {
    this(steps, warmupRuns, timedRuns, 180);
  }

  /**
   * The full-size run: 10,000 steps, 6 warm-up runs, medians of 11 timed runs (the extra runs damp
   * the noise of a shared machine). T1 counts its warm-up in steps: 4,000 per warm-up run.
   */
  public static BenchConfig standard() {
    return new BenchConfig(10_000, 6, 11);
  }

  /** A copy with another step count. */
  public BenchConfig withSteps(int n) {
    return new BenchConfig(n, warmupRuns, timedRuns, timeoutSeconds);
  }

  /** A copy with another number of warm-up runs. */
  public BenchConfig withWarmupRuns(int n) {
    return new BenchConfig(steps, n, timedRuns, timeoutSeconds);
  }

  /** A copy with another number of timed runs. */
  public BenchConfig withTimedRuns(int n) {
    return new BenchConfig(steps, warmupRuns, n, timeoutSeconds);
  }

  /** A copy with another per-suite timeout. */
  public BenchConfig withTimeoutSeconds(int seconds) {
    return new BenchConfig(steps, warmupRuns, timedRuns, seconds);
  }
}
