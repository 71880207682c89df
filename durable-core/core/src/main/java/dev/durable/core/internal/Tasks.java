package dev.durable.core.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs workflow code on other threads with the invocation's thread accounting. */
final class Tasks {
  private static final AtomicInteger THREADS = new AtomicInteger();
  static final ExecutorService SHARED = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "durable-worker-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Tasks() {}

  /** Starts {@code task} on the invocation's executor; the thread counts as active at once. */
  static <T> FutureImpl<T> async(Invocation inv, Callable<T> task) {
    FutureImpl<T> f = new FutureImpl<>(inv);
    inv.threadStarted();
    try {
      inv.executor.execute(() -> {
        try {
          f.complete(task.call());
        } catch (Throwable t) {
          f.fail(t);
        } finally {
          inv.threadEnded();
        }
      });
    } catch (RuntimeException e) {
      inv.threadEnded();
      throw e;
    }
    return f;
  }
}
