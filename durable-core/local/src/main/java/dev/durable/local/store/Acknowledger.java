package dev.durable.local.store;

import dev.durable.local.store.GroupCommitWriter.Pending;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Releases the waiters of {@link GroupCommitWriter}'s committed batches on a thread of its own.
 * Each release of a parked waiter is a futex wake-up in the kernel; for a batch of ~35 runs they
 * cost the writer thread, the store's serial bottleneck, about a tenth of its time. Handing the
 * batch over here costs the writer one wake-up at most, and it starts its next transaction while
 * this thread wakes the runs.
 *
 * <p>Only batches already committed (or failed, with each failure recorded in its own outcome)
 * are handed over, each by exactly one {@link #release} call, so every waiter is released once and
 * only after its outcome is final. {@link #close} releases everything handed over before it.
 */
final class Acknowledger implements AutoCloseable {
  private static final List<Pending> STOP = List.of();
  private final LinkedBlockingQueue<List<Pending>> batches = new LinkedBlockingQueue<>();
  private final Thread thread;

  Acknowledger() {
    this.thread = new Thread(this::loop, "durable-sqlite-acknowledger");
    thread.setDaemon(true); // like the writer: an unclosed store must not keep the JVM alive
    thread.start();
  }

  /** Marks each of {@code batch}'s outcomes done and wakes its waiter, on the calling thread. */
  static void releaseNow(List<Pending> batch) {
    for (Pending p : batch) {
      p.out().done = true;
      if (p.waiter() != Thread.currentThread()) { // an inline commit's caller is not parked
        LockSupport.unpark(p.waiter());
      }
    }
  }

  /** Hands a committed batch over; the caller must not touch {@code batch} afterwards. */
  void release(List<Pending> batch) {
    batches.add(batch);
  }

  private void loop() {
    while (true) {
      List<Pending> batch;
      try {
        batch = batches.take();
      } catch (InterruptedException e) {
        continue; // only close() stops it, after everything handed over was released
      }
      if (batch == STOP) {
        return;
      }
      releaseNow(batch);
    }
  }

  /**
   * Releases every batch handed over so far and stops the thread. Called after the writer thread
   * ended, so nothing is handed over behind {@code STOP}.
   */
  @Override
  public void close() {
    batches.add(STOP);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
