package dev.durable.core.internal;

import dev.durable.core.DurableLogger;
import dev.durable.core.StepContext;
import org.slf4j.LoggerFactory;

/** The step context of one attempt of a step body or a waitForCondition check. */
record AttemptContext(String executionId, String operationId, String name, int attempt) implements StepContext {
  // bodies only run live, never while replaying, so their logger never drops messages
  private static final DurableLogger LOGGER =
      new DurableLogger(LoggerFactory.getLogger("dev.durable.workflow"), () -> false);

  @Override
  public String idempotencyKey() {
    return executionId + ":" + operationId + ":" + attempt;
  }

  @Override
  public DurableLogger logger() {
    return LOGGER;
  }
}
