package dev.durable.agents;

import dev.durable.core.DurableContext;

/**
 * The approval SPI of agents and pipelines: approval-required tools, budget extensions and pipeline
 * {@code approval} nodes all ask through it. The default, {@link CallbackApprover}, waits on a
 * durable callback (the run holds no thread meanwhile); the human-approval module can supply one
 * with Slack, email and signed links.
 *
 * <p>An implementation must use only durable operations of {@code ctx} (it runs in the workflow,
 * and replays): typically one {@code waitForCallback} named {@code name}.
 */
@FunctionalInterface
public interface Approver {
  /** Asks for {@code request} and returns the decision; may suspend the run until it arrives. */
  ApprovalDecision decide(DurableContext ctx, String name, ApprovalRequest request);
}
