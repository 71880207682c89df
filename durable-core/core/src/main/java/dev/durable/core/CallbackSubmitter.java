package dev.durable.core;

/**
 * Hands a callback id to the outside world (an email, a Slack message, a ticket). Runs as a step
 * named {@code <name>-submitter}, so it is retried on failure and not repeated once it succeeded.
 */
@FunctionalInterface
public interface CallbackSubmitter {
  /** Sends {@code callbackId} to whoever will complete the callback. */
  void submit(String callbackId, StepContext step) throws Exception;
}
