package dev.durable.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** The benchmark suites, by target id. */
public enum Suite {
  /** Per-step checkpoint latency on the SQLite store, STRICT ({@link SqliteStepBench}). */
  T1("T1", "step-sync", SqliteStepBench.TARGET, "SQLite STRICT per-step latency p50 vs a 200-byte append+fsync p50") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new SqliteStepBench(config, progress).run();
    }
  },
  /** Library CPU cost per step ({@link StepCpuBench}). */
  T2("T2", "step-cpu", StepCpuBench.TARGET, "library CPU cost per no-op step vs a Jackson round trip") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new StepCpuBench(config, progress).run();
    }
  },
  /** Throughput of 64 concurrent runs on the SQLite store ({@link SqliteConcurrentBench}). */
  T3("T3", "64-runs", SqliteConcurrentBench.TARGET, "raw group-commit journal throughput / SQLite STRICT throughput, 64 runs") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new SqliteConcurrentBench(config, progress).run();
    }
  },
  /** Replay of a history read from SQLite ({@link SqliteReplayBench}). */
  T6("T6", "replay-db", SqliteReplayBench.TARGET, "replay from SQLite vs one SELECT + Jackson decode of the rows") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new SqliteReplayBench(config, progress).run();
    }
  },
  /** Replay cost per operation on the in-memory service ({@link ReplayBench}). */
  T6_MEM("T6-mem", "replay", ReplayBench.TARGET, "replay cost per journaled step vs a Jackson decode") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new ReplayBench(config, progress).run();
    }
  },
  /** Resume after a callback completed through the runtime API ({@link CallbackResumeBench}). */
  T9("T9", "cb-resume", CallbackResumeBench.TARGET, "resume after a callback, 100-step history, vs the fsync floor") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new CallbackResumeBench(config, progress).run();
    }
  },
  /** Threads and heap held by suspended runs ({@link SuspendedRunsBench}). */
  T13("T13", "suspended", SuspendedRunsBench.TARGET, "heap per 100k suspended runs vs 50 MB; zero threads held") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new SuspendedRunsBench(config, progress).run();
    }
  },
  /** Cold start of the Lambda deployment jar ({@link LambdaColdStartBench}). */
  T15("T15", "cold-start", LambdaColdStartBench.TARGET, "our classes loaded by the Lambda handler's init vs 300; needs examples/target/durable-functions.jar") {
    @Override
    Row measure(BenchConfig config, Progress progress) throws Exception {
      return new LambdaColdStartBench(config, progress).run();
    }
  };

  private final String id;
  private final String rowName;
  private final double target;
  private final String description;

  Suite(String id, String rowName, double target, String description) {
    this.id = id;
    this.rowName = rowName;
    this.target = target;
    this.description = description;
  }

  /** The id printed in the row and accepted on the command line, e.g. {@code T6-mem}. */
  public String id() {
    return id;
  }

  /** One line for {@code --help}. */
  public String description() {
    return description + " (target ratio <= " + target + ")";
  }

  /** The suite with this id, ignoring case. */
  public static Optional<Suite> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /**
   * Runs the suite on a daemon thread. A benchmark that throws yields a FAIL row naming the error;
   * one that runs past {@code config.timeoutSeconds()} (an engine hang) yields a FAIL row, and the
   * stacks of the live threads go to stderr as evidence. The hung thread is left behind: it is a
   * daemon, so exiting the JVM ends it.
   */
  public Row run(BenchConfig config, Progress progress) {
    progress.startSuite(id);
    AtomicReference<Row> result = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        result.set(measure(config, progress));
      } catch (Exception | Error e) {
        result.set(Row.error(id, rowName, target, e));
      }
    }, "bench-" + id);
    runner.setDaemon(true);
    runner.start();
    try {
      runner.join(config.timeoutSeconds() * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Row.error(id, rowName, target, e);
    }
    if (runner.isAlive()) {
      dumpThreads();
      return Row.error(id, rowName, target, new TimeoutException(
          "no result after " + config.timeoutSeconds() + " s; thread stacks are on stderr"));
    }
    return result.get();
  }

  private static void dumpThreads() {
    System.err.println("=== benchmark timed out; live threads:");
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      System.err.println("\"" + e.getKey().getName() + "\" " + e.getKey().getState());
      for (StackTraceElement frame : e.getValue()) {
        System.err.println("    at " + frame);
      }
    }
  }

  abstract Row measure(BenchConfig config, Progress progress) throws Exception;
}
