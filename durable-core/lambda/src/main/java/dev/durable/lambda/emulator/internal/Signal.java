package dev.durable.lambda.emulator.internal;

/** A generation counter to wait on: whoever changes something fires it, waiters wake up. */
public final class Signal {
  private long generation;

  public synchronized void fire() {
    generation++;
    notifyAll();
  }

  public synchronized long generation() {
    return generation;
  }

  /** Waits up to {@code millis} for a fire after {@code seen}. */
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
