package dev.durable.agents;

import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.Approvals;
import dev.durable.approval.Decision;
import dev.durable.approval.TimeoutPolicy;
import dev.durable.core.DurableContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Approver} that asks people through {@code durable-human-approval}: Slack and/or email
 * with signed links to the {@link dev.durable.approval.ApprovalEndpoint}, reminders and escalation
 * on durable timers, and the decision journaled with who made it. Approval-required tools, budget
 * pauses and pipeline {@code approval} nodes all go through it once it is set on the agent, the
 * {@link DurableAi} or the {@link Flow}.
 *
 * <pre>{@code
 * ApprovalOptions channels = ApprovalOptions.of(ApprovalLinks.of(publicUrl, key),
 *     new SlackNotifier(SlackSettings.webApi(botToken, "C0APPROVALS")), new EmailNotifier(smtp));
 * Approver humans = HumanApprover.of(channels, "lead@example.com", "U024BE7LH")
 *     .requester("support-triage");
 * Agent agent = Agent.builder().model(model).tools(refunds.requiringApproval(Duration.ofHours(4)))
 *     .approver(humans).build();
 * }</pre>
 *
 * <p>The agents' request maps onto an approval request: the title says what is asked ("Run tool
 * issue_refund", "Let agent triage continue past its budget", or the pipeline's question), and the
 * payload holds the exact tool arguments (or ledger, or question) with the agents' request hash,
 * so the link an approver clicks is bound to that exact call. The approval's decision maps to
 * {@link ApprovalDecision.Approved}, {@link ApprovalDecision.Rejected} or
 * {@link ApprovalDecision.TimedOut}. Without a timeout on the request the approver's default timeout
 * (24 hours unless changed) applies; nobody answering is a {@code TimedOut} unless another
 * {@link TimeoutPolicy} is given (escalation, or {@code fail()} to fail the run).
 */
public final class HumanApprover implements Approver {
  /** How long an approval waits when the request names no timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  private static final int MAX_TITLE = 200;

  private final ApprovalOptions options;
  private final List<String> approvers;
  private final String requester;
  private final Duration defaultTimeout;
  private final List<Duration> reminders;
  private final TimeoutPolicy onTimeout;

  private HumanApprover(ApprovalOptions options, List<String> approvers, String requester,
      Duration defaultTimeout, List<Duration> reminders, TimeoutPolicy onTimeout) {
    this.options = Objects.requireNonNull(options, "options: pass ApprovalOptions.of(links, notifiers...)");
    if (approvers == null || approvers.isEmpty()) {
      throw new AgentException("HumanApprover needs at least one approver (an email address or a Slack user id)");
    }
    this.approvers = List.copyOf(approvers);
    this.requester = requester;
    if (defaultTimeout == null || defaultTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new AgentException("defaultTimeout is " + defaultTimeout + "; use at least 1 second, e.g. Duration.ofHours(24)");
    }
    this.defaultTimeout = defaultTimeout;
    this.reminders = List.copyOf(reminders);
    this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
  }

  /** Asks {@code approvers} (emails and/or Slack user ids) through the channels of {@code options}. */
  public static HumanApprover of(ApprovalOptions options, String... approvers) {
    return new HumanApprover(options, approvers == null ? List.of() : List.of(approvers), "agent",
        DEFAULT_TIMEOUT, List.of(), TimeoutPolicy.autoReject());
  }

  /** A copy that names who asks (shown to approvers), e.g. the agent or workflow name. */
  public HumanApprover requester(String who) {
    return new HumanApprover(options, approvers, who, defaultTimeout, reminders, onTimeout);
  }

  /** A copy with another timeout for requests that name none. */
  public HumanApprover defaultTimeout(Duration timeout) {
    return new HumanApprover(options, approvers, requester, timeout, reminders, onTimeout);
  }

  /** A copy that reminds at these offsets from the request (each before the request's timeout). */
  public HumanApprover reminders(Duration... offsets) {
    return new HumanApprover(options, approvers, requester, defaultTimeout, List.of(offsets), onTimeout);
  }

  /** A copy with another timeout policy (default: a timeout is {@link ApprovalDecision.TimedOut}). */
  public HumanApprover onTimeout(TimeoutPolicy policy) {
    return new HumanApprover(options, approvers, requester, defaultTimeout, reminders, policy);
  }

  @Override
  public ApprovalDecision decide(DurableContext ctx, String name, ApprovalRequest request) {
    Duration timeout = request.timeout() != null ? request.timeout() : defaultTimeout;
    var human = dev.durable.approval.ApprovalRequest.builder(title(request))
        .details(details(request))
        .requester(requester)
        .payload(payload(request))
        .approvers(approvers.toArray(String[]::new))
        .timeout(timeout)
        .reminders(reminders.stream().filter(r -> r.compareTo(timeout.minusSeconds(1)) <= 0)
            .toArray(Duration[]::new)) // a short request keeps the reminders that fit before its deadline
        .onTimeout(onTimeout)
        .build();
    Decision d = Approvals.request(ctx, name, human, options);
    if (d instanceof Decision.Approved a) {
      return new ApprovalDecision.Approved(a.approver(), a.comment());
    }
    if (d instanceof Decision.Rejected r) {
      return new ApprovalDecision.Rejected(r.approver(), r.comment());
    }
    return new ApprovalDecision.TimedOut();
  }

  private static String title(ApprovalRequest r) {
    String t = switch (r.kind()) {
      case "tool" -> "Run tool " + r.subject();
      case "budget" -> "Let agent " + r.subject() + " continue past its budget";
      default -> r.details().isBlank() ? r.subject() : r.details().lines().findFirst().orElse(r.subject());
    };
    return t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE - 1) + "…";
  }

  private static String details(ApprovalRequest r) {
    return switch (r.kind()) {
      case "tool" -> "The agent wants to call **" + r.subject() + "** with exactly the arguments below."
          + " Approving runs this one call; rejecting tells the agent not to call it again.";
      case "budget" -> "Agent **" + r.subject() + "** has used its budget (" + r.details() + ")."
          + " Approving grants another allowance of the same size.";
      default -> r.details();
    };
  }

  /** The exact thing decided, plus the agents' hash of it, so the link is bound to this call. */
  private static Map<String, String> payload(ApprovalRequest r) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kind", r.kind());
    p.put("subject", r.subject());
    p.put(r.kind().equals("tool") ? "arguments" : "details", r.details());
    p.put("agentRequestHash", r.hash());
    return p;
  }
}
