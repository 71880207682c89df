package dev.durable.local.crash;

import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of the crash test: a worker on a SQLite store that the parent {@code kill -9}s.
 *
 * <p>{@code CrashWorker <store> <side-effect-log> <generation> <runs> work|finish}: opens the store,
 * registers {@link CrashWorkflow}, starts the worker, starts those of runs {@code run-0 .. run-<runs-1>}
 * the store does not hold yet, prints
 * {@code READY}; then, in {@code work} mode, works until it is killed, and in {@code finish} mode
 * awaits every run, prints {@code DONE} and exits 0.
 *
 * <p>Every generation uses the same worker id: the restarted process is the same worker coming
 * back, so it may take its own leases over at once instead of waiting for them to expire.
 */
public final class CrashWorker {
  /** The worker id every generation uses. */
  public static final String WORKER_ID = "crash-worker";
  /** Step bodies sleep this long, so that kills land inside them as well as between them. */
  public static final long BODY_MILLIS = 40;

  private CrashWorker() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: CrashWorker <store> <side-effect-log> <generation> <runs> work|finish");
      System.exit(2);
    }
    Path store = Path.of(args[0]);
    SideEffectLog log = SideEffectLog.append(Path.of(args[1]), Integer.parseInt(args[2]));
    int runs = Integer.parseInt(args[3]);
    boolean finish = args[4].equals("finish");

    LocalRuntime rt = LocalRuntime.builder()
        .storePath(store)
        .durability(Durability.STRICT)
        .workerThreads(4)
        .pollInterval(Duration.ofMillis(50))
        .workerId(WORKER_ID)
        .clock(Clock.systemUTC())
        .build();
    rt.register(CrashWorkflow.NAME, new CrashWorkflow(log, BODY_MILLIS), CrashWorkflow.Input.class, String.class);
    rt.startWorker();
    // a start is idempotent only while the run is open (the Lambda rule): a closed run's name may
    // not be started again, so the runs this store already holds are looked up, not re-started
    Map<String, String> existing = new HashMap<>();
    for (ExecutionRecord r : rt.list(new ExecutionQuery(CrashWorkflow.NAME, null, null, null, 1000))) {
      existing.put(r.executionName(), r.executionId());
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      String run = "run-" + i;
      String id = existing.get(run);
      ids.add(id != null ? id : rt.start(CrashWorkflow.NAME, run, new CrashWorkflow.Input(run)).executionArn());
    }
    System.out.println("READY");
    System.out.flush();
    if (!finish) {
      Thread.sleep(Long.MAX_VALUE); // until kill -9
      return;
    }
    for (String id : ids) {
      try {
        rt.await(id, String.class, Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        // the parent reads every run's status from the store and reports it; keep awaiting the rest
        System.out.println("NOT-SUCCEEDED " + id + " " + e);
      }
    }
    rt.close();
    System.out.println("DONE");
    System.out.flush();
    System.exit(0);
  }
}
