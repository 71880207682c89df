package dev.durable.local.internal;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ServiceException;
import dev.durable.local.RuntimeEvent;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over runs whose worker died mid-invocation. Such a run has an active invocation that will
 * never end, so it never shows up as awaiting one. Its lease expires because nobody renews it;
 * then this sweeper claims it, reports the lost invocation as crashed (which asks for a new one)
 * and lets the normal dispatch resume it from its journal.
 *
 * <p>Runs at start-up and then every third of the lease time (at most every 5 s). It scans the
 * newest 1000 running executions; a store with more should add an index of active invocations.
 */
final class LostRunSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(LostRunSweeper.class);
  private static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

  private final Worker worker;
  private Instant nextSweep; // null: sweep at the first tick

  LostRunSweeper(Worker worker) {
    this.worker = worker;
  }

  /** Sweeps if the last sweep is old enough. Runs on the scheduler thread only. */
  void maybeSweep(Instant now) {
    if (nextSweep != null && now.isBefore(nextSweep)) {
      return;
    }
    Duration third = worker.settings.leaseTtl().dividedBy(3);
    nextSweep = now.plus(third.compareTo(MAX_INTERVAL) < 0 ? third : MAX_INTERVAL);
    RuntimeSettings s = worker.settings;
    for (ExecutionRecord r : s.store().list(
        new ExecutionQuery(null, ExecutionStatus.RUNNING, null, null, 1000))) {
      String id = r.executionId();
      if (!r.invocationActive() || worker.isRunning(id)
          || !s.leases().tryAcquire(id, s.workerId(), now, s.leaseTtl())) {
        continue; // not in an invocation, ours, or its worker is alive and renewing
      }
      try {
        // Under the lease nobody can begin an invocation: re-read the truth before acting.
        boolean lost = s.store().load(id).map(x -> x.execution())
            .filter(x -> x.status() == ExecutionStatus.RUNNING && x.invocationActive())
            .isPresent();
        if (lost) {
          worker.newService().invocationCrashed(id, ErrorObject.of("Runtime.WorkerLost",
              "The worker running this invocation stopped renewing its lease (it died or hung);"
                  + " worker " + s.workerId() + " took the run over."));
          worker.emit(RuntimeEvent.Kind.RUN_RECOVERED, id, r.functionName(), "lease expired");
          worker.wakeUp();
        }
      } catch (ServiceException e) {
        LOG.warn("durable worker {}: cannot take over {}: {}", s.workerId(), id, e.getMessage());
      } finally {
        s.leases().release(id, s.workerId());
      }
    }
  }
}
