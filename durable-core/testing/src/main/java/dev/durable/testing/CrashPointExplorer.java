package dev.durable.testing;

import dev.durable.core.DurableFunction;
import dev.durable.core.DurableListener;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.StepSemantics;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.service.DurableService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves a workflow crash-safe by brute force. It runs the workflow once to learn its checkpoints
 * and step bodies, then once more per crash point: crashing right after checkpoint k is stored, and
 * right after each step body ran but before its result was stored. Each crashed run resumes from
 * the stored journal; the explorer checks that it ends like the uncrashed run and that no
 * at-most-once step body ran twice for the same attempt.
 *
 * <pre>{@code
 * CrashReport report = CrashPointExplorer.explore(new OrderWorkflow(), Order.class, Receipt.class, order);
 * report.assertAllPassed();   // fails listing each crash point that broke the workflow
 * }</pre>
 *
 * <p>Workflows that wait for callbacks are driven by the optional driver, which completes them when
 * the run stands still (see {@link #explore(DurableFunction, TypeToken, TypeToken, Object, Driver)}).
 */
public final class CrashPointExplorer {
  private CrashPointExplorer() {}

  /** Completes callbacks or invokes when a run waits for the test; called until the run ends. */
  @FunctionalInterface
  public interface Driver {
    /** Acts on a run that stands still; return false when there is nothing left to do. */
    boolean drive(DurableTestRunner<?, ?> runner);
  }

  /** Explores every crash point of {@code fn} for {@code input}. */
  public static <I, O> CrashReport explore(DurableFunction<I, O> fn, Class<I> in, Class<O> out, I input) {
    return explore(fn, TypeToken.of(in), TypeToken.of(out), input, r -> false);
  }

  /** Explores every crash point, with a driver for callbacks and invokes. */
  public static <I, O> CrashReport explore(DurableFunction<I, O> fn, TypeToken<I> in, TypeToken<O> out, I input,
      Driver driver) {
    Probe baseline = new Probe(null, null);
    TestResult<O> expected = runWith(fn, in, out, input, driver, baseline);
    String expectedJson = render(expected);
    List<CrashPoint> points = new ArrayList<>();
    int checkpoints = baseline.checkpointCalls.get();
    for (int k = 1; k <= checkpoints; k++) {
      String key = baseline.checkpointKey(k);
      points.add(check("crash after checkpoint " + k + " of " + checkpoints + " (" + baseline.describe(k) + ")",
          expectedJson, fn, in, out, input, driver, () -> new Probe(key, null)));
    }
    int bodies = baseline.bodyRuns.get();
    for (int b = 1; b <= bodies; b++) {
      String key = baseline.bodyKey(b);
      points.add(check("crash after step body " + b + " of " + bodies + " ran (" + baseline.bodyName(b)
          + "), before its result was stored", expectedJson, fn, in, out, input, driver, () -> new Probe(null, key)));
    }
    return new CrashReport(expectedJson, checkpoints, bodies, points);
  }

  /** Tries a crash point up to this many times when a concurrent branch's timing made the run miss it. */
  private static final int TRIES = 3;

  private static <I, O> CrashPoint check(String description, String expectedJson, DurableFunction<I, O> fn,
      TypeToken<I> in, TypeToken<O> out, I input, Driver driver, java.util.function.Supplier<Probe> probes) {
    for (int attempt = 1; ; attempt++) {
      Probe probe = probes.get();
      try {
        TestResult<O> result = runWith(fn, in, out, input, driver, probe);
        String actual = render(result);
        List<String> problems = new ArrayList<>();
        if (!expectedJson.equals(actual)) {
          problems.add("ended as " + actual + " instead of " + expectedJson);
        }
        problems.addAll(probe.atMostOnceViolations());
        if (!problems.isEmpty()) {
          return new CrashPoint(description, false, probe.crashed, attempt, String.join("; ", problems));
        }
        if (probe.crashed || attempt == TRIES) {
          // a point still unreached ran a concurrent race the other way every time: nothing to crash
          return new CrashPoint(description, true, probe.crashed, attempt, null);
        }
      } catch (RuntimeException | AssertionError e) {
        return new CrashPoint(description, false, probe.crashed, attempt, "the resumed run threw " + e);
      }
    }
  }

  private static <I, O> TestResult<O> runWith(DurableFunction<I, O> fn, TypeToken<I> in, TypeToken<O> out,
      I input, Driver driver, Probe probe) {
    DurableTestRunner<I, O> runner = DurableTestRunner.create(fn, in, out)
        .withOptions(ExecutorOptions.defaults().withListener(probe))
        .withServiceDecorator(probe::wrap);
    TestResult<O> result = runner.runUntilComplete(input);
    int rounds = 0;
    while (result.status() == ExecutionStatus.RUNNING && rounds++ < 1_000 && driver.drive(runner)) {
      result = runner.resume();
    }
    return result;
  }

  private static String render(TestResult<?> r) {
    String value = r.result() == null ? "null" : JacksonSerDes.create().serialize(r.result());
    String error = r.error() == null ? "" : " error=" + r.error().errorType();
    return r.status() + " " + value + error;
  }

  /**
   * Counts checkpoints and step bodies, and crashes once at the chosen point.
   *
   * <p>Crash points are named by what was stored, not by how many calls stored it: concurrent
   * branches batch their updates by timing, so the k-th checkpoint call of one run may carry
   * another set of updates in the next. A checkpoint crash point is "right after the call that
   * stored update U" (U = operation id, action and its occurrence), and a body crash point is
   * "right after attempt n of operation X ran".
   */
  private static final class Probe implements DurableListener {
    private final String crashAfterUpdate;
    private final String crashAfterBody;
    final AtomicInteger checkpointCalls = new AtomicInteger();
    final AtomicInteger bodyRuns = new AtomicInteger();
    final List<String> checkpointLabels = new ArrayList<>();
    final List<String> checkpointKeys = new ArrayList<>();
    final List<String> bodyLabels = new ArrayList<>();
    final List<String> bodyKeys = new ArrayList<>();
    private final Map<String, Integer> seenUpdates = new ConcurrentHashMap<>();
    final Map<String, Integer> atMostOnceRuns = new ConcurrentHashMap<>();
    volatile boolean crashed;

    Probe(String crashAfterUpdate, String crashAfterBody) {
      this.crashAfterUpdate = crashAfterUpdate;
      this.crashAfterBody = crashAfterBody;
    }

    DurableService wrap(DurableService delegate) {
      return new DurableService() {
        @Override
        public CheckpointResult checkpoint(String arn, String token, List<OperationUpdate> updates) {
          CheckpointResult result = delegate.checkpoint(arn, token, updates);
          if (updates.isEmpty()) {
            return result;
          }
          checkpointCalls.incrementAndGet();
          List<String> keys = updates.stream().map(u -> {
            String key = u.id() + " " + u.action();
            return key + " #" + seenUpdates.merge(key, 1, Integer::sum);
          }).toList();
          synchronized (checkpointLabels) {
            checkpointLabels.add(updates.stream().map(u -> u.action() + " " + u.type()
                + (u.name() == null ? "" : " '" + u.name() + "'")).toList().toString());
            checkpointKeys.add(keys.get(keys.size() - 1));
          }
          if (crashAfterUpdate != null && keys.contains(crashAfterUpdate) && !crashed) {
            crashed = true;
            throw new SimulatedCrash("simulated crash after the checkpoint that stored " + crashAfterUpdate);
          }
          return result;
        }

        @Override
        public StatePage getState(String arn, String token, String marker, int maxItems) {
          return delegate.getState(arn, token, marker, maxItems);
        }
      };
    }

    @Override
    public void onStepAttemptStart(StepAttempt attempt) {
      if (attempt.semantics() == StepSemantics.AT_MOST_ONCE_PER_RETRY) {
        atMostOnceRuns.merge(attempt.name() + "#" + attempt.operationId() + " attempt " + attempt.attempt(), 1,
            Integer::sum);
      }
    }

    @Override
    public void onStepAttemptEnd(StepAttempt attempt, Throwable error) {
      bodyRuns.incrementAndGet();
      String key = attempt.operationId() + " attempt " + attempt.attempt();
      synchronized (bodyLabels) {
        bodyLabels.add("'" + attempt.name() + "' attempt " + attempt.attempt());
        bodyKeys.add(key);
      }
      if (key.equals(crashAfterBody) && !crashed) {
        crashed = true;
        throw new SimulatedCrash("simulated crash after the body of step '" + attempt.name() + "'");
      }
    }

    String checkpointKey(int k) {
      synchronized (checkpointLabels) {
        return checkpointKeys.get(k - 1);
      }
    }

    String bodyKey(int b) {
      synchronized (bodyLabels) {
        return bodyKeys.get(b - 1);
      }
    }

    String describe(int k) {
      synchronized (checkpointLabels) {
        return k <= checkpointLabels.size() ? checkpointLabels.get(k - 1) : "?";
      }
    }

    String bodyName(int b) {
      synchronized (bodyLabels) {
        return b <= bodyLabels.size() ? bodyLabels.get(b - 1) : "?";
      }
    }

    List<String> atMostOnceViolations() {
      return atMostOnceRuns.entrySet().stream().filter(e -> e.getValue() > 1)
          .map(e -> "at-most-once step " + e.getKey() + " ran " + e.getValue() + " times").sorted().toList();
    }
  }

  /** Thrown into the engine to simulate the process dying at a chosen point. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One crash point tried.
   *
   * @param description where the crash happened
   * @param passed true if the resumed run ended like the uncrashed one with no duplicate side effect
   * @param reached false if no run reached the point: concurrent branches stored their updates another way
   * @param runs how many runs the point took (more than one only while a run missed the point)
   * @param problem what went wrong, empty when passed
   */
  public record CrashPoint(String description, boolean passed, boolean reached, int runs, String problem) {
    @Override
    public String toString() {
      if (!passed) {
        return "FAIL " + description + ": " + problem;
      }
      return reached ? "PASS " + description
          : "SKIP " + description + ": not reached in " + TRIES + " runs (concurrent branches stored their"
              + " updates in another order each time); the runs still ended as expected";
    }
  }

  /**
   * The outcome of an exploration.
   *
   * @param expected how the uncrashed run ended
   * @param checkpoints checkpoints of the uncrashed run
   * @param stepBodies step bodies run by the uncrashed run
   * @param points every crash point tried
   */
  public record CrashReport(String expected, int checkpoints, int stepBodies, List<CrashPoint> points) {
    /** Throws an AssertionError listing the failed points, if any. */
    public CrashReport assertAllPassed() {
      List<CrashPoint> failed = points.stream().filter(p -> !p.passed()).toList();
      if (!failed.isEmpty() || points.isEmpty()) {
        throw new AssertionError(failed.size() + " of " + points.size() + " crash points failed:\n" + this);
      }
      return this;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("uncrashed run: " + expected + " (" + checkpoints + " checkpoints, "
          + stepBodies + " step bodies)\n");
      for (CrashPoint p : points) {
        sb.append("  ").append(p).append('\n');
      }
      long passed = points.stream().filter(p -> p.passed() && p.reached()).count();
      long skipped = points.stream().filter(p -> !p.reached() && p.passed()).count();
      return sb.append(passed).append(" of ").append(points.size()).append(" crash points passed")
          .append(skipped == 0 ? "" : ", " + skipped + " not reached").toString();
    }

    /** How many runs the exploration made: the uncrashed one plus each crash point's. */
    public int runs() {
      return 1 + points.stream().mapToInt(CrashPoint::runs).sum();
    }

    /** Counts of passed points. */
    public long passedCount() {
      return points.stream().filter(CrashPoint::passed).count();
    }
  }

}
