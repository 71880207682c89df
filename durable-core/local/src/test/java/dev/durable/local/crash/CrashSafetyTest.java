package dev.durable.local.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.local.LocalRuntime;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, item 5: a worker in a child JVM is {@code kill -9}ed at many random points while it runs
 * {@link CrashWorkflow}s on a STRICT SQLite store, restarted each time, and finally let finish.
 * Then every run must have SUCCEEDED with the result and journal of an uncrashed run, no step body
 * may have started after its step was recorded SUCCEEDED, and at-most-once steps must have started
 * each attempt at most once (see {@link JournalChecks}).
 *
 * <p>Reproduce a failure with {@code -Dcrash.seed=<seed printed by the failing run>}; {@code
 * -Dcrash.kills} and {@code -Dcrash.runs} change the sizes. Run {@code i} is first started by
 * generation {@code i}, so fresh work arrives throughout the kill sequence.
 */
class CrashSafetyTest {
  private static final int KILLS = Integer.getInteger("crash.kills", 22);
  private static final int RUNS = Integer.getInteger("crash.runs", 24);

  @TempDir
  Path dir;

  @Test
  void killNineAtRandomPointsLosesNothingAndRepeatsNoRecordedStep() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path store = dir.resolve("crash.db");
    Path effects = dir.resolve("side-effects.log");
    System.out.printf("crash test: seed=%d kills=%d runs=%d store=%s (reproduce with -Dcrash.seed=%d)%n",
        seed, KILLS, RUNS, store, seed);

    long t0 = System.nanoTime();
    List<String> killPoints = new ArrayList<>();
    for (int g = 0; g < KILLS; g++) {
      int runs = Math.min(RUNS, g + 1);
      ChildJvm child = ChildJvm.start(CrashWorker.class, dir.resolve("child-" + g + ".out"),
          store.toString(), effects.toString(), Integer.toString(g), Integer.toString(runs), "work");
      String point;
      // one kill in five lands during start-up (store open, recovery, re-issued starts); the others
      // land while the worker runs step bodies, waits and retries
      if (random.nextInt(5) == 0) {
        long at = 50 + random.nextInt(650);
        Thread.sleep(Math.max(0, at - child.ageMillis()));
        point = "start-up+" + at + "ms";
      } else {
        long after = random.nextInt(1500);
        boolean ready = child.awaitLine("READY", 20_000);
        assertThat(ready).as("generation %d never became READY; its output:%n%s", g, child.output()).isTrue();
        Thread.sleep(after);
        point = "ready+" + after + "ms";
      }
      long age = child.ageMillis();
      int status = child.kill9();
      String line = String.format("kill %2d: %-16s (child age %4d ms, pid %d, exit %d)", g + 1, point, age,
          child.pid(), status);
      System.out.println(line);
      killPoints.add(line);
      // 137 = killed by signal 9; a child that died on its own would hide a bug, so look at its output
      assertThat(status).as("generation %d exit status; output:%n%s", g, child.output()).isEqualTo(137);
    }

    ChildJvm last = ChildJvm.start(CrashWorker.class, dir.resolve("child-final.out"),
        store.toString(), effects.toString(), Integer.toString(KILLS), Integer.toString(RUNS), "finish");
    int exit = last.awaitExit(90_000);
    assertThat(exit).as("final worker output:%n%s", last.output()).isZero();
    assertThat(last.output()).as("final worker output").contains("DONE").doesNotContain("NOT-SUCCEEDED");
    long crashedMillis = (System.nanoTime() - t0) / 1_000_000;

    Map<String, List<Operation>> journal = new LinkedHashMap<>();
    Map<String, String> results = new LinkedHashMap<>();
    try (LocalRuntime rt = LocalRuntime.builder().storePath(store).build()) {
      List<ExecutionRecord> records = rt.list(new ExecutionQuery(CrashWorkflow.NAME, null, null, null, 1000));
      assertThat(records).as("runs in the store").hasSize(RUNS);
      for (ExecutionRecord r : records) {
        assertThat(r.status()).as("status of %s: %s", r.executionName(), r.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
        results.put(r.executionName(), rt.await(r.executionId(), String.class, Duration.ofSeconds(5)));
        journal.put(r.executionName(), rt.operations(r.executionId()));
      }
    }

    int compared = compareWithUncrashedRuns(results, journal);
    JournalChecks.Report report = JournalChecks.check(journal, SideEffectLog.read(effects));
    int expectedBodies = RUNS * CrashWorkflow.BODIES_PER_RUN;
    System.out.printf("crash test summary: seed=%d kills=%d runs=%d all SUCCEEDED, results equal to the uncrashed"
            + " reference=%d/%d, steps checked=%d, body executions=%d (uncrashed: %d, extra: %d),"
            + " at-least-once attempts repeated after a crash=%d, at-most-once attempts interrupted by a"
            + " crash (then retried)=%d, violations=%d, time=%.1fs%n",
        seed, KILLS, RUNS, compared, RUNS, report.steps(), report.bodyRuns(), expectedBodies,
        report.bodyRuns() - expectedBodies, report.duplicateAttempts(), report.interruptedAtMostOnce(),
        report.violations().size(), crashedMillis / 1000.0);
    assertThat(report.violations()).as("crash guarantees (seed %d)", seed).isEmpty();
    assertThat(report.bodyRuns()).as("every step body ran at least once").isGreaterThanOrEqualTo(expectedBodies);
  }

  /**
   * Runs each workflow once without crashes on the in-memory service and compares the result and
   * the journal's shape (ids, names, types, statuses, step results); returns the runs compared.
   */
  private static int compareWithUncrashedRuns(Map<String, String> results, Map<String, List<Operation>> journal) {
    int compared = 0;
    for (Map.Entry<String, String> e : results.entrySet()) {
      String run = e.getKey();
      TestResult<String> reference = DurableTestRunner.create(new CrashWorkflow(SideEffectLog.none(), 0),
          CrashWorkflow.Input.class, String.class).runUntilComplete(new CrashWorkflow.Input(run));
      assertThat(reference.isSucceeded()).as("reference run of %s: %s", run, reference.error()).isTrue();
      assertThat(e.getValue()).as("result of %s", run).isEqualTo(reference.result());
      assertThat(shape(journal.get(run))).as("journal of %s", run).isEqualTo(shape(reference.operations()));
      compared++;
    }
    return compared;
  }

  private static List<String> shape(List<Operation> ops) {
    // the EXECUTION operation carries the execution's id and name, which differ by construction
    return ops.stream().filter(op -> op.type() != OperationType.EXECUTION).map(op -> op.id() + " " + op.type() + " " + op.name() + " " + op.status() + " "
        + (op.stepDetails() == null ? "" : op.stepDetails().result())).sorted().toList();
  }
}
