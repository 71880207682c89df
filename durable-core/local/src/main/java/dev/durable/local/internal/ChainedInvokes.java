package dev.durable.local.internal;

import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.PendingInvoke;
import dev.durable.core.service.ServiceException;
import dev.durable.core.service.StartResult;
import dev.durable.local.RuntimeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the targets of chained invokes for the scheduler: each CHAINED_INVOKE operation that
 * waits for its target becomes a child run of the registered function (idempotently by a name
 * derived from the caller and operation, so a restart never starts one twice).
 */
final class ChainedInvokes {
  private static final Logger LOG = LoggerFactory.getLogger(ChainedInvokes.class);

  private ChainedInvokes() {}

  /** Starts the targets of chained invokes; true if it started any. */
  static boolean startTargets(Worker worker, DurableExecutionService service) {
    boolean started = false;
    for (PendingInvoke p : service.pendingInvokes()) {
      if (worker.registry.find(p.functionName()).isEmpty()) {
        worker.warnUnregistered(p.functionName());
        continue;
      }
      try {
        StartResult child = service.startExecution(p.functionName(), null, p.payload(), null,
            p.executionArn(), p.operationId());
        started = true;
        if (child.created()) {
          worker.emit(RuntimeEvent.Kind.CHILD_STARTED, child.executionId(), p.functionName(),
              "invoked by " + p.executionArn() + " operation " + p.operationId());
        }
      } catch (ServiceException e) {
        LOG.warn("durable worker {}: cannot start the target of invoke {} in {}: {}",
            worker.settings.workerId(), p.operationId(), p.executionArn(), e.getMessage());
      }
    }
    return started;
  }
}
