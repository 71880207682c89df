package dev.durable.agents;

import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.DurableContext;
import dev.durable.core.StepContext;
import java.util.Objects;

/**
 * The default {@link Approver}: a durable callback whose id goes to a notifier, completed with a JSON
 * decision {@code {"approved":true,"approver":"ann","comment":"ok"}}. A timed-out callback is a
 * {@link ApprovalDecision.TimedOut}; a failed callback fails the run.
 *
 * <pre>{@code
 * Approver approver = CallbackApprover.notifying((callbackId, request, step) ->
 *     slack.post("Approve " + request.subject() + " " + request.details() + "? id " + callbackId));
 * // later, from the admin CLI:  durable callback succeed <callbackId> '{"approved":true,"approver":"ann"}'
 * }</pre>
 */
public final class CallbackApprover implements Approver {
  /** Tells a human that an approval waits; runs as a step, so it is not repeated once it succeeded. */
  @FunctionalInterface
  public interface Notifier {
    /** Delivers {@code callbackId} and the request to whoever decides. */
    void notify(String callbackId, ApprovalRequest request, StepContext step) throws Exception;
  }

  /**
   * The callback's JSON payload.
   *
   * @param approved true to approve
   * @param approver who decided
   * @param comment optional comment
   */
  public record Decision(boolean approved, String approver, String comment) {}

  private final Notifier notifier;

  private CallbackApprover(Notifier notifier) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
  }

  /** An approver that hands each callback id to {@code notifier}. */
  public static CallbackApprover notifying(Notifier notifier) {
    return new CallbackApprover(notifier);
  }

  /** An approver that only logs the callback id (complete it from the CLI or a test). */
  public static CallbackApprover loggingOnly() {
    return new CallbackApprover((id, request, step) -> step.logger().info("approval '" + step.name()
        + "' waits for callback " + id + ": " + request.kind() + " " + request.subject() + " " + request.details()));
  }

  @Override
  public ApprovalDecision decide(DurableContext ctx, String name, ApprovalRequest request) {
    CallbackOptions options = request.timeout() == null ? CallbackOptions.defaults()
        : CallbackOptions.timeout(request.timeout());
    try {
      Decision d = ctx.waitForCallback(name, Decision.class, (id, step) -> notifier.notify(id, request, step), options);
      if (d == null) {
        throw new AgentException("approval '" + name + "' was completed without a decision; complete it with"
            + " {\"approved\":true|false,\"approver\":\"...\",\"comment\":\"...\"}");
      }
      String who = d.approver() == null || d.approver().isBlank() ? "unknown" : d.approver();
      return d.approved() ? new ApprovalDecision.Approved(who, d.comment())
          : new ApprovalDecision.Rejected(who, d.comment());
    } catch (CallbackTimeoutException e) {
      return new ApprovalDecision.TimedOut();
    }
  }
}
