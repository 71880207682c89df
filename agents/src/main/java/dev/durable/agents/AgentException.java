package dev.durable.agents;

import dev.durable.core.DurableException;

/**
 * Root of the agents module's errors. Thrown when a bounded recovery gave up (a structured answer
 * that never parsed, a model that kept answering empty, an agent that hit its turn limit) or when
 * the agent or pipeline was configured wrongly; the message names the operation, the value and the
 * fix. Failures of durable steps still surface as {@link dev.durable.core.StepFailedException},
 * whose {@code errorType()} names the original exception class.
 */
public class AgentException extends DurableException {
  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
