package dev.durable.agents;

import dev.durable.core.StepOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a tool runs durably.
 *
 * @param requiresApproval true to pause for an approval bound to the exact call before running
 * @param approvalTimeout how long to wait for that approval, or null for no limit
 * @param errorsToModel true (default) to send tool exceptions back to the model as tool results;
 *     false to fail the step (after its retries) and so the agent
 * @param failOnDenial true to fail the agent on a rejected or timed-out approval; false (default)
 *     to tell the model the call was not made
 * @param stepOptions the step's retry policy and semantics (default: durable retries, at-least-once
 *     per attempt with a stable idempotency key)
 */
public record ToolOptions(boolean requiresApproval, Duration approvalTimeout, boolean errorsToModel,
    boolean failOnDenial, StepOptions stepOptions) {
  /** Defaults: no approval, errors to the model, default step options. */
  public static final ToolOptions DEFAULTS = new ToolOptions(false, null, true, false, StepOptions.defaults());

  public ToolOptions {
    Objects.requireNonNull(stepOptions, "stepOptions");
    if (approvalTimeout != null && approvalTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("approvalTimeout must be at least 1 second, got " + approvalTimeout);
    }
  }

  /** A copy that requires an approval, waiting at most {@code timeout} (null = no limit). */
  public ToolOptions withApproval(Duration timeout) {
    return new ToolOptions(true, timeout, errorsToModel, failOnDenial, stepOptions);
  }

  /** A copy that fails instead of telling the model about tool errors. */
  public ToolOptions failOnError() {
    return new ToolOptions(requiresApproval, approvalTimeout, false, failOnDenial, stepOptions);
  }

  /** A copy that fails the agent when an approval is rejected or times out. */
  public ToolOptions failWhenDenied() {
    return new ToolOptions(requiresApproval, approvalTimeout, errorsToModel, true, stepOptions);
  }

  /** A copy with other step options. */
  public ToolOptions withStepOptions(StepOptions options) {
    return new ToolOptions(requiresApproval, approvalTimeout, errorsToModel, failOnDenial, options);
  }
}
