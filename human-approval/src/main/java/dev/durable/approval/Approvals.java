package dev.durable.approval;

import dev.durable.approval.internal.Rounds;
import dev.durable.core.DurableContext;
import dev.durable.core.IllegalDurableOperationException;

/**
 * Human approval as one durable operation: notify, wait (holding no thread), remind, escalate, and
 * return the {@link Decision}, all journaled in a child context named {@code name}.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.fromBase64(System.getenv("APPROVAL_SIGNING_KEY"));
 * ApprovalOptions options = ApprovalOptions.of(
 *     ApprovalLinks.of(URI.create("https://approvals.example.com"), key),
 *     new EmailNotifier(SmtpSettings.startTls("smtp.example.com", 587, user, password, "bot@example.com")));
 *
 * Decision d = Approvals.request(ctx, "refund-ok", ApprovalRequest.builder("Refund order 42")
 *     .payload(refund).approvers("lead@example.com").timeout(Duration.ofHours(24)).build(), options);
 * if (d.isApproved()) { ... }
 * }</pre>
 *
 * <p>Journal layout (what the endpoint reads): {@code name / round-N / request} (step),
 * {@code decision} (callback), {@code notify} (step), {@code await} (parallel of the answer and the
 * reminder/deadline timers), {@code announce} (step).
 */
public final class Approvals {
  private Approvals() {}

  /**
   * Asks for approval and waits for the decision. Returns {@link Decision.Approved} or
   * {@link Decision.Rejected}; at the timeout, follows the request's {@link TimeoutPolicy}: returns
   * {@link Decision.TimedOut} (auto-reject), escalates, or throws {@link ApprovalTimeoutException}.
   */
  public static Decision request(DurableContext ctx, String name, ApprovalRequest request,
      ApprovalOptions options) {
    if (ctx == null || request == null || options == null) {
      throw new IllegalDurableOperationException("Approvals.request(ctx, name, request, options): "
          + (ctx == null ? "ctx" : request == null ? "request" : "options") + " is null");
    }
    checkEscalations(request.onTimeout(), options);
    Decision d = ctx.runInChildContext(name, Decision.class, c -> Rounds.run(c, request, options));
    if (d instanceof Decision.TimedOut t && Rounds.finalPolicy(request.onTimeout()) instanceof TimeoutPolicy.Fail) {
      throw new ApprovalTimeoutException("approval '" + name + "' (" + request.title()
          + ") timed out at " + t.at() + " without a decision", t);
    }
    return d;
  }

  /** Refuses now, not hours later at the timeout, an escalation through a notifier that is not configured. */
  private static void checkEscalations(TimeoutPolicy policy, ApprovalOptions options) {
    for (TimeoutPolicy p = policy; p instanceof TimeoutPolicy.Escalate e; p = e.then()) {
      for (String name : e.notifiers()) {
        if (options.notifiers().stream().noneMatch(n -> n.name().equals(name))) {
          throw new ApprovalException("escalation names notifier '" + name + "' but only "
              + options.notifiers().stream().map(ApprovalNotifier::name).toList()
              + " are configured; add it to ApprovalOptions or name one of those");
        }
      }
    }
  }
}
