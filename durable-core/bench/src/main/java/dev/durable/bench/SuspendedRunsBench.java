package dev.durable.bench;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * T13, what suspended runs cost: {@code n} runs (default 100,000) each suspend, half on a one-day
 * wait and half on a callback, on a SQLite store in RELAXED mode (the durability mode changes
 * nothing here but the time it takes to create them). Measured: live threads and used heap (after
 * {@code System.gc()}) once all have suspended, against the same after a warm-up. Targets: zero
 * threads held, heap growth at most 50 MB per 100,000 runs. {@code ratio} is the heap growth scaled
 * to 100,000 runs divided by 50 MB; a held thread makes the row FAIL whatever the heap says.
 *
 * <p>Creating runs stops after {@link #CREATE_BUDGET_SECONDS}; a smaller {@code n} is then measured
 * and scaled, and the row says so ({@code scaled-from}). Runs are started from
 * {@link #STARTERS} threads, as a service taking requests would: their writes then share group
 * commits, which is what makes creation fast; one thread paid a commit of its own per start.
 */
public final class SuspendedRunsBench {
  /** The target id. */
  public static final String ID = "T13";
  /** The largest passing ratio (heap growth per 100,000 suspended runs / 50 MB). */
  public static final double TARGET = 1.0;
  /** Seconds the benchmark may spend creating runs. */
  public static final int CREATE_BUDGET_SECONDS = 60;
  private static final String NAME = "suspended";
  private static final int TARGET_RUNS = 100_000;
  private static final long BUDGET_BYTES = 50L * 1024 * 1024;
  private static final int WARMUP_RUNS = 200;
  private static final int MAX_BACKLOG = 256;
  private static final int STARTERS = 4;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final BenchConfig config;
  private final Progress progress;

  /** Sizes from {@code config}: {@code 10 × steps} runs (100,000 by default). */
  public SuspendedRunsBench(BenchConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Even runs wait a day, odd runs wait for a callback; both suspend at once. */
  static final class Suspending implements DurableFunction<Integer, String> {
    final AtomicInteger entered = new AtomicInteger();

    @Override
    public String apply(Integer i, DurableContext ctx) {
      entered.incrementAndGet();
      if (i % 2 == 0) {
        ctx.wait("a-day", Duration.ofDays(1));
        return "waited";
      }
      return ctx.createCallback("answer", String.class, CallbackOptions.timeout(Duration.ofDays(2))).get();
    }
  }

  /** Creates and suspends the runs, then measures; returns the row. */
  public Row run() throws Exception {
    int wanted = config.steps() * 10;
    Path dir = Files.createTempDirectory("durable-bench-t13");
    Suspending fn = new Suspending();
    try (LocalRuntime rt = LocalRuntime.builder().storePath(dir.resolve("t13.db")).durability(Durability.RELAXED)
        .workerThreads(8).pollInterval(Duration.ofMillis(100)).workerId("bench-t13").build()) {
      rt.register("t13", fn, Integer.class, String.class);
      rt.startWorker();
      create(rt, fn, 0, WARMUP_RUNS, Long.MAX_VALUE);
      long threadsBefore = settledThreads(Integer.MAX_VALUE);
      long heapBefore = usedHeapAfterGc();

      long t0 = System.nanoTime();
      long deadline = t0 + TimeUnit.SECONDS.toNanos(CREATE_BUDGET_SECONDS);
      int created = create(rt, fn, WARMUP_RUNS, wanted, deadline) - WARMUP_RUNS;
      long createNanos = System.nanoTime() - t0;

      long threadsAfter = settledThreads(threadsBefore);
      long heapAfter = usedHeapAfterGc();
      long held = Math.max(0, threadsAfter - threadsBefore);
      double perRun = (heapAfter - heapBefore) / (double) created;
      double scaled = Math.max(0, perRun) * TARGET_RUNS;
      Map<String, String> m = new LinkedHashMap<>();
      m.put("runs", Integer.toString(created));
      if (created < wanted) {
        m.put("scaled-from", created + "-runs(budget-" + CREATE_BUDGET_SECONDS + "s)");
      }
      m.put("heap-growth", mb(heapAfter - heapBefore));
      m.put("per-100k", mb((long) scaled));
      m.put("per-run", String.format(Locale.ROOT, "%.0fB", perRun));
      m.put("threads-before", Long.toString(threadsBefore));
      m.put("threads-after", Long.toString(threadsAfter));
      m.put("threads-held", Long.toString(held));
      m.put("create-rate", String.format(Locale.ROOT, "%.0f/s", created / (createNanos / 1e9)));
      // heap noise can make a small growth negative; 1 KB per 100k runs is the floor of what counts
      double ratio = held > 0 ? Double.NaN : Math.max(scaled, 1024) / BUDGET_BYTES;
      return new Row(ID, NAME, ratio, TARGET, m);
    } finally {
      CallbackResumeBench.deleteTree(dir);
    }
  }

  /** Starts runs {@code from .. to-1} until the deadline; waits until each started one suspended. */
  private int create(LocalRuntime rt, Suspending fn, int from, int to, long deadline) throws InterruptedException {
    AtomicInteger counter = new AtomicInteger(from);
    AtomicInteger started = new AtomicInteger(from);
    Thread[] starters = new Thread[STARTERS];
    for (int t = 0; t < STARTERS; t++) {
      starters[t] = new Thread(() -> {
        int i;
        while (System.nanoTime() < deadline && (i = counter.getAndIncrement()) < to) {
          // keep the backlog small: the row is about runs that suspended, not runs waiting for a
          // worker, and a long queue of unstarted runs only slows the scheduler down
          while (i - fn.entered.get() > MAX_BACKLOG && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
          }
          rt.start("t13", "t13-" + i, i);
          if (started.incrementAndGet() % 10_000 == 0) {
            progress.phase("started " + started.get() + " runs, " + fn.entered.get() + " entered");
          }
        }
      }, "bench-t13-starter-" + t);
      starters[t].start();
    }
    for (Thread t : starters) {
      t.join();
    }
    int next = started.get();
    // every run enters once and suspends at once; then wait until no invocation is left running
    long stuck = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (fn.entered.get() < next || rt.stats().invocationsRunning() > 0) {
      if (System.nanoTime() > stuck) {
        throw new IllegalStateException(fn.entered.get() + " of " + next + " runs entered in 120 s");
      }
      Thread.sleep(10);
    }
    return next;
  }

  /** The live thread count once it stops falling to {@code ceiling} (idle pool threads retire). */
  private static long settledThreads(long ceiling) throws InterruptedException {
    long count = THREADS.getThreadCount();
    for (int i = 0; i < 50 && count > ceiling; i++) {
      Thread.sleep(100);
      count = THREADS.getThreadCount();
    }
    return count;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1fMB", bytes / (1024.0 * 1024.0));
  }
}
