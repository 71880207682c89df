package dev.durable.bench;

import dev.durable.core.DurableListener;
import dev.durable.core.model.InvocationStatus;
import dev.durable.local.Durability;
import dev.durable.local.store.SqliteExecutionStore;
import dev.durable.core.serde.JacksonSerDes;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * T3, throughput of 64 concurrent runs on the SQLite store in STRICT mode: 64 executions of
 * {@code clamp(steps / 50, 5, 200)} no-op steps each are invoked at once from 64 threads; their
 * checkpoints meet in the store's group-commit writer. Throughput = all steps / wall time. The
 * reference is a raw group-commit journal ({@link Probes#groupCommitPerSecond}: 64 producer
 * threads, one writer draining up to 4096 200-byte records, write + one force per batch) on the
 * same disk, measured between the timed rounds. Ratio = reference / ours (so lower is better);
 * target at most 2.0, i.e. at least half the raw journal's throughput.
 *
 * <p>Two more measurements say where the limit is. {@code cpu/step} is the process's CPU time over
 * the timed rounds per step (all threads: the runs, the writer, GC, the JIT), so {@code cores /
 * cpu/step} bounds the throughput this machine allows that code. {@code sqlite-floor/s} is SQLite
 * alone ({@link Probes#sqliteInsertsPerSecond}) committing rows of one step's result size in
 * transactions of the writer's mean batch: what a single SQLite writer does with those bytes and
 * those commits before any engine or store work.
 */
public final class SqliteConcurrentBench {
  /** The target id. */
  public static final String ID = "T3";
  /** The largest passing ratio. */
  public static final double TARGET = 2.0;
  private static final String NAME = "64-runs";
  private static final int RUNS = 64;

  private final BenchConfig config;
  private final Progress progress;

  /** A benchmark sized by {@code config}. */
  public SqliteConcurrentBench(BenchConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Runs the warm-up rounds (one per warm-up run) and up to 3 timed rounds; returns the row. */
  public Row run() throws Exception {
    int steps = Math.max(5, Math.min(200, config.steps() / 50));
    int rounds = Math.min(3, config.timedRuns());
    long probeMillis = config.steps() >= 1000 ? 1000 : 200;
    Path folder = Probes.tempFolder();
    ExecutorService pool = Executors.newFixedThreadPool(RUNS);
    try (SqliteExecutionStore store = SqliteExecutionStore.open(folder.resolve("t3.db"),
        Durability.STRICT)) {
      // One warm-up round left the JIT at work in the timed rounds: measured with the process's CPU
      // time, a step cost 75-90 us in rounds 2-4 and 57-70 us from round 8 on. The target is for a
      // warm process (as T9's), so warm with as many rounds as the config's warm-up runs.
      for (int i = 0; i < config.warmupRuns(); i++) {
        progress.phase("warm-up round " + (i + 1) + "/" + config.warmupRuns());
        round(store, pool, steps);
      }
      if (config.warmupRuns() > 0) {
        Probes.groupCommitPerSecond(folder, RUNS, 4096, probeMillis / 2);
      }
      long[] ours = new long[rounds];
      long[] raw = new long[rounds];
      long cpu = 0;
      long tx0 = store.writerStats().transactions();
      long w0 = store.writerStats().writes();
      for (int i = 0; i < rounds; i++) {
        progress.phase("timed round " + (i + 1) + "/" + rounds);
        long cpu0 = processCpuNanos();
        ours[i] = (long) (RUNS * steps * 1e9 / round(store, pool, steps));
        cpu += processCpuNanos() - cpu0;
        raw[i] = (long) Probes.groupCommitPerSecond(folder, RUNS, 4096, probeMillis);
      }
      var stats = store.writerStats();
      double oursPerSec = Stats.median(ours);
      double rawPerSec = Stats.median(raw);
      double writesPerTx = (stats.writes() - w0) / (double) Math.max(1, stats.transactions() - tx0);
      int payload = JacksonSerDes.defaultMapper().writeValueAsBytes(StepRecord.sample()).length;
      progress.phase("sqlite floor");
      double floor = Probes.sqliteInsertsPerSecond(folder, payload,
          (int) Math.max(1, Math.round(writesPerTx)), probeMillis);
      Map<String, String> m = new LinkedHashMap<>();
      m.put("steps/s", String.format(Locale.ROOT, "%.0f", oursPerSec));
      m.put("raw-journal/s", String.format(Locale.ROOT, "%.0f", rawPerSec));
      m.put("sqlite-floor/s", String.format(Locale.ROOT, "%.0f", floor));
      m.put("cpu/step", Stats.duration(cpu / (double) (rounds * RUNS * steps)));
      m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
      m.put("writes/tx", String.format(Locale.ROOT, "%.1f", writesPerTx));
      m.put("largest-batch", Long.toString(stats.largestBatch()));
      m.put("runs", Integer.toString(RUNS));
      m.put("steps/run", Integer.toString(steps));
      m.put("warm-up", config.warmupRuns() + "-rounds");
      return new Row(ID, NAME, rawPerSec / oursPerSec, TARGET, m);
    } finally {
      pool.shutdownNow();
      Probes.delete(folder);
    }
  }

  /** CPU time of the whole process (every thread) so far. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Starts 64 executions, invokes them all at once; returns the wall nanoseconds. */
  private static long round(SqliteExecutionStore store, ExecutorService pool, int steps)
      throws Exception {
    List<Harness> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(new Harness(new BenchFunction(StepRecord.sample(), false), steps,
          Clock.systemUTC(), store, DurableListener.NONE));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Harness.Timed>> done = new ArrayList<>();
    for (Harness h : runs) {
      done.add(pool.submit(() -> {
        go.await();
        return h.invoke();
      }));
    }
    long t0 = System.nanoTime();
    go.countDown();
    for (Future<Harness.Timed> f : done) {
      Harness.expect(f.get().output(), InvocationStatus.SUCCEEDED, "a concurrent run");
    }
    return System.nanoTime() - t0;
  }
}
