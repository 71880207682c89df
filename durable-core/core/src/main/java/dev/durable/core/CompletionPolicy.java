package dev.durable.core;

/**
 * When a {@link DurableContext#map map} or {@link DurableContext#parallel parallel} is complete.
 * Null members are not checked. The batch stops starting new items as soon as
 * {@code minSuccessful} items succeeded, or failures exceed the tolerated count or percentage.
 *
 * @param minSuccessful complete once this many items succeeded
 * @param toleratedFailureCount stop once failures exceed this count
 * @param toleratedFailurePercentage stop once failures exceed this share of all items, 0..100
 */
public record CompletionPolicy(
    Integer minSuccessful, Integer toleratedFailureCount, Double toleratedFailurePercentage) {

  public CompletionPolicy {
    if (minSuccessful != null && minSuccessful < 1) {
      throw new IllegalDurableOperationException(
          "completion minSuccessful must be >= 1, got " + minSuccessful);
    }
    if (toleratedFailureCount != null && toleratedFailureCount < 0) {
      throw new IllegalDurableOperationException(
          "completion toleratedFailureCount must be >= 0, got " + toleratedFailureCount);
    }
    if (toleratedFailurePercentage != null
        && (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)) {
      throw new IllegalDurableOperationException(
          "completion toleratedFailurePercentage must be within 0..100, got " + toleratedFailurePercentage);
    }
  }

  /** Run every item; stop at the first failure (the default). */
  public static CompletionPolicy allSuccessful() {
    return new CompletionPolicy(null, 0, null);
  }

  /** Run every item whatever fails. */
  public static CompletionPolicy allCompleted() {
    return new CompletionPolicy(null, null, null);
  }

  /** Complete as soon as one item succeeded. */
  public static CompletionPolicy firstSuccessful() {
    return new CompletionPolicy(1, null, null);
  }

  /** Complete as soon as {@code n} items succeeded. */
  public static CompletionPolicy minSuccessful(int n) {
    return new CompletionPolicy(n, null, null);
  }

  /** Stop once more than {@code n} items failed. */
  public static CompletionPolicy toleratedFailures(int n) {
    return new CompletionPolicy(null, n, null);
  }

  /** Stop once more than {@code percent}% of all items failed. */
  public static CompletionPolicy toleratedFailurePercentage(double percent) {
    return new CompletionPolicy(null, null, percent);
  }

  /** A copy that also tolerates at most {@code n} failures. */
  public CompletionPolicy withToleratedFailures(int n) {
    return new CompletionPolicy(minSuccessful, n, toleratedFailurePercentage);
  }
}
