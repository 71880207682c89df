package dev.durable.bench;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepBody;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * T9, resume after a callback completed through the runtime API in the same process: a run of
 * {@code history} steps waits for a callback and suspends; the benchmark completes the callback
 * with {@link LocalRuntime#completeCallback} and measures until the body of the step after the
 * callback starts. The reference is the fsync floor ({@link Probes#fsyncP50}) measured in the
 * store's folder in the same run. Target: p50 at most 8 × F.
 *
 * <p>{@code ratio} uses the latency from {@code completeCallback} returning (the issue's
 * definition); {@code from-call} also counts the call itself, i.e. the durable write of the
 * callback's result and the load of the run the service does for it. After the call returns the
 * path is: an invoker thread wakes and claims the run's lease (a relaxed write) and reads its row,
 * begins the invocation on the copy the call loaded (another relaxed write), hands the handler to
 * a workflow thread, which replays the 100 steps (each decodes its ~1 KB result) and the
 * waitForCallback context, and runs the next step. No fsync lies on it: the context's SUCCEED goes
 * out with that step's checkpoint. Measured on the 2-core VM (p50 ≈ 0.65-0.75 ms): ~50 us invoker
 * wake-up, ~90 us lease + row, ~90 us begin, ~100 us workflow-thread wake-up, ~300 us replay.
 */
public final class CallbackResumeBench {
  /** The target id. */
  public static final String ID = "T9";
  /** The largest passing ratio. */
  public static final double TARGET = 8.0;
  private static final String NAME = "cb-resume";
  private static final int HISTORY = 100;
  private static final int PROBES = 2_000;
  /**
   * Warm-up resumes per warm-up run. A resume runs code that one resume in a fresh JVM barely
   * touches (the dispatch, the lease, the replay of a stored history), so 6 resumes measured the
   * interpreter and the JIT at work: p50 ~4 ms, against ~1.6 ms after 300. The target is for a
   * warm process (performance-limits.md, T9), so the default warms with 300.
   */
  static final int WARMUPS_PER_RUN = 50;

  private final BenchConfig config;
  private final Progress progress;

  /** A benchmark sized by {@code config} (samples from its run counts). */
  public CallbackResumeBench(BenchConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** The workflow: {@code steps} steps, a callback, then one step whose body start is the stop watch. */
  static final class Waiting implements DurableFunction<BenchFunction.Input, String> {
    final BlockingQueue<String> callbackIds = new ArrayBlockingQueue<>(1);
    volatile long resumedAt;
    private final StepRecord payload = StepRecord.sample();
    private final StepBody<StepRecord> body = s -> payload;

    @Override
    public String apply(BenchFunction.Input in, DurableContext ctx) {
      for (int i = 0; i < in.steps(); i++) {
        ctx.step("step", StepRecord.class, body);
      }
      String answer = ctx.waitForCallback("approval", String.class, (id, s) -> callbackIds.put(id),
          CallbackOptions.timeout(Duration.ofMinutes(10)));
      return ctx.step("after", String.class, s -> {
        resumedAt = System.nanoTime();
        return answer;
      });
    }
  }

  /** Measures the fsync floor, then warm-up and timed resumes; returns the row. */
  public Row run() throws Exception {
    int history = Math.min(HISTORY, config.steps());
    int samples = Math.max(5, 2 * config.timedRuns() + 1);
    Path dir = Files.createTempDirectory("durable-bench-t9");
    progress.phase("fsync probe");
    double floor = Probes.fsyncP50(dir, PROBES);
    Waiting fn = new Waiting();
    long[] fromReturn = new long[samples];
    long[] fromCall = new long[samples];
    long[] call = new long[samples];
    try (LocalRuntime rt = LocalRuntime.builder().storePath(dir.resolve("t9.db")).durability(Durability.STRICT)
        .workerThreads(2).pollInterval(Duration.ofMillis(100)).workerId("bench-t9").build()) {
      rt.register("t9", fn, BenchFunction.Input.class, String.class);
      rt.startWorker();
      int warmups = config.warmupRuns() * WARMUPS_PER_RUN;
      for (int i = 0; i < warmups + samples; i++) {
        boolean timed = i >= warmups;
        progress.phase((timed ? "timed resume " : "warm-up resume ") + (i + 1));
        long[] t = resumeOnce(rt, fn, "t9-" + i, history);
        if (timed) {
          int k = i - warmups;
          fromReturn[k] = t[0];
          fromCall[k] = t[1];
          call[k] = t[2];
        }
      }
    } finally {
      deleteTree(dir);
    }
    double p50 = Stats.median(fromReturn);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("p50", Stats.duration(p50));
    m.put("from-call", Stats.duration(Stats.median(fromCall)));
    m.put("complete-call", Stats.duration(Stats.median(call)));
    m.put("fsync-p50", Stats.duration(floor));
    m.put("history", Integer.toString(history));
    m.put("samples", Integer.toString(samples));
    m.put("warm-up", Integer.toString(config.warmupRuns() * WARMUPS_PER_RUN));
    return new Row(ID, NAME, p50 / floor, TARGET, m);
  }

  /** One run to its suspension, then the timed resume: {from return, from call, call} in ns. */
  private static long[] resumeOnce(LocalRuntime rt, Waiting fn, String name, int history) throws Exception {
    String arn = rt.start("t9", name, new BenchFunction.Input(history)).executionArn();
    String callbackId = fn.callbackIds.poll(60, TimeUnit.SECONDS);
    if (callbackId == null) {
      throw new IllegalStateException("run " + name + " never handed out its callback id");
    }
    awaitSuspended(rt, arn);
    fn.resumedAt = 0;
    long t0 = System.nanoTime();
    rt.completeCallback(callbackId, "\"ok\"");
    long t1 = System.nanoTime();
    String result = rt.await(arn, String.class, Duration.ofSeconds(60));
    if (!"ok".equals(result) || fn.resumedAt == 0) {
      throw new IllegalStateException("run " + name + " ended with " + result + " instead of resuming");
    }
    return new long[] {Math.max(0, fn.resumedAt - t1), fn.resumedAt - t0, t1 - t0};
  }

  /** Waits until the run's invocation ended, so that the resume really starts from the store. */
  private static void awaitSuspended(LocalRuntime rt, String arn) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      ExecutionRecord r = rt.status(arn);
      if (r.status() != ExecutionStatus.RUNNING) {
        throw new IllegalStateException("run " + arn + " ended " + r.status() + " before its callback");
      }
      if (!r.invocationActive() && !r.invocationRequested()) {
        return;
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("run " + arn + " did not suspend within 60 s");
  }

  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temp folder left behind is harmless; the row is what matters
    }
  }
}
