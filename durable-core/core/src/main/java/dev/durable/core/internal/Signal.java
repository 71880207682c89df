package dev.durable.core.internal;

/**
 * A wake-up flag that cannot lose a signal (the embedded worker and the Lambda emulator wait on it): a waiter remembers the generation it saw before doing
 * its work, and returns at once if a signal came in meanwhile.
 */
public final class Signal {
  private long generation;

  /** Wakes every waiter. */
  public synchronized void fire() {
    generation++;
    notifyAll();
  }

  /** The current generation, to pass to {@link #awaitChange}. */
  public synchronized long generation() {
    return generation;
  }

  /**
   * Waits until a signal after {@code seen} arrives or {@code millis} pass (wall time: a test
   * clock may stand still, and this is only a polling delay).
   */
  public synchronized void awaitChange(long seen, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (generation == seen) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }
}
