package dev.durable.core.retry;

/** How a computed backoff delay is randomized, so that many failing runs do not retry in lockstep. */
public enum Jitter {
  /** Use the delay as computed. */
  NONE,
  /** A uniformly random delay between 0 and the computed delay (the AWS SDKs' default). */
  FULL,
  /** Half the delay plus a random share of the other half. */
  HALF;

  /** Applies the jitter to {@code seconds} using {@code random} in [0, 1). */
  public double apply(double seconds, double random) {
    return switch (this) {
      case NONE -> seconds;
      case FULL -> seconds * random;
      case HALF -> seconds / 2 + seconds / 2 * random;
    };
  }
}
