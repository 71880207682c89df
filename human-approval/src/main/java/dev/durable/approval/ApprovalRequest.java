package dev.durable.approval;

import dev.durable.approval.internal.Canonical;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a human is asked to approve. The request is journaled as it was asked, and its
 * {@link #requestHash() hash} is bound into every link and button, so a decision always refers to
 * exactly the payload the approver saw.
 *
 * <pre>{@code
 * ApprovalRequest req = ApprovalRequest.builder("Refund order 42")
 *     .details("Customer says the parcel **never arrived**.")
 *     .requester("support-agent")
 *     .payload(Map.of("order", 42, "amountCents", 12000))
 *     .approvers("lead@example.com", "U024BE7LH")
 *     .timeout(Duration.ofHours(24))
 *     .reminders(Duration.ofHours(4), Duration.ofHours(20))
 *     .onTimeout(TimeoutPolicy.autoReject())
 *     .build();
 * }</pre>
 *
 * @param title one line, at most 200 characters
 * @param details Markdown shown under the title (rendered as text), at most 20,000 characters
 * @param requester who or what asks (an agent, a user), shown to approvers
 * @param payloadJson the exact payload being approved, as JSON text
 * @param approvers who may decide: email addresses and/or Slack user ids
 * @param actions what approvers may do; must include APPROVE or REJECT
 * @param timeout how long to wait for a decision, 1 second to 365 days
 * @param reminders offsets from the request at which to remind, increasing, each before the timeout
 * @param onTimeout what happens at the timeout
 */
public record ApprovalRequest(
    String title, String details, String requester, String payloadJson, List<String> approvers,
    Set<Action> actions, Duration timeout, List<Duration> reminders, TimeoutPolicy onTimeout) {

  /** Longest comment an approver may leave. */
  public static final int MAX_COMMENT = 2000;

  /** What an approver may do. */
  public enum Action { APPROVE, REJECT, COMMENT }

  public ApprovalRequest {
    title = Checks.text("title", title, 200, "a one-line summary such as \"Refund order 42\"");
    details = details == null ? "" : details;
    if (details.length() > 20_000) {
      throw new ApprovalException("details is " + details.length()
          + " characters, over the limit of 20000; link to a document instead");
    }
    requester = Checks.text("requester", requester, 200, "who asks, e.g. \"billing-agent\"");
    payloadJson = Canonical.requireJson(payloadJson);
    if (approvers == null || approvers.isEmpty()) {
      throw new ApprovalException("approvers is empty; name at least one email address or Slack user id");
    }
    approvers = List.copyOf(approvers);
    for (String a : approvers) {
      Checks.text("approver", a, 320, "an email address or a Slack user id such as U024BE7LH");
    }
    actions = actions == null || actions.isEmpty()
        ? Set.of(Action.APPROVE, Action.REJECT, Action.COMMENT) : Set.copyOf(actions);
    if (!actions.contains(Action.APPROVE) && !actions.contains(Action.REJECT)) {
      throw new ApprovalException("actions " + actions + " offer no decision; include APPROVE or REJECT");
    }
    if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.toDays() > 365) {
      throw new ApprovalException("timeout is " + timeout + "; use 1 second to 365 days, e.g. Duration.ofHours(24)");
    }
    reminders = reminders == null ? List.of() : List.copyOf(reminders);
    Duration last = Duration.ZERO;
    for (Duration r : reminders) {
      if (r.compareTo(last.plusSeconds(1)) < 0 || r.compareTo(timeout.minusSeconds(1)) > 0) {
        throw new ApprovalException("reminder " + r + " must come at least 1 s after the previous one ("
            + last + ") and at least 1 s before the timeout (" + timeout + ")");
      }
      last = r;
    }
    onTimeout = onTimeout == null ? TimeoutPolicy.fail() : onTimeout;
  }

  /** A builder; {@code title} is required, so is at least one approver and a payload. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** SHA-256 (hex) of the payload's exact JSON text. */
  public String payloadHash() {
    return Canonical.sha256Hex(payloadJson);
  }

  /** SHA-256 (hex) over everything an approver is shown: title, details, requester and payload. */
  public String requestHash() {
    return Canonical.sha256Hex(Canonical.join(title, details, requester, payloadJson));
  }

  /** True if {@code who} is on the allow-list (emails compare case-insensitively). */
  public boolean allows(String who) {
    return who != null && approvers.stream().anyMatch(a -> a.equalsIgnoreCase(who.trim()));
  }

  /** A copy asking other approvers (used for escalation). */
  public ApprovalRequest withApprovers(List<String> newApprovers, Duration newTimeout) {
    return new ApprovalRequest(title, details, requester, payloadJson, newApprovers, actions, newTimeout,
        List.of(), onTimeout);
  }

  /** Builds an {@link ApprovalRequest}. */
  public static final class Builder {
    private final String title;
    private String details = "";
    private String requester = "workflow";
    private String payloadJson;
    private final List<String> approvers = new ArrayList<>();
    private Set<Action> actions = EnumSet.allOf(Action.class);
    private Duration timeout = Duration.ofDays(1);
    private List<Duration> reminders = List.of();
    private TimeoutPolicy onTimeout = TimeoutPolicy.fail();

    private Builder(String title) {
      this.title = title;
    }

    /** Markdown details. */
    public Builder details(String markdown) {
      this.details = markdown;
      return this;
    }

    /** Who asks. */
    public Builder requester(String who) {
      this.requester = who;
      return this;
    }

    /** The payload as JSON text, kept byte for byte. */
    public Builder payloadJson(String json) {
      this.payloadJson = json;
      return this;
    }

    /** The payload as an object, written as canonical JSON (sorted keys). */
    public Builder payload(Object value) {
      this.payloadJson = Canonical.toJson(value);
      return this;
    }

    /** Adds approvers (emails or Slack user ids). */
    public Builder approvers(String... who) {
      this.approvers.addAll(List.of(who));
      return this;
    }

    /** What approvers may do. */
    public Builder actions(Action first, Action... rest) {
      this.actions = EnumSet.of(first, rest);
      return this;
    }

    /** How long to wait. */
    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    /** Reminder offsets from the request. */
    public Builder reminders(Duration... offsets) {
      this.reminders = List.of(offsets);
      return this;
    }

    /** What happens at the timeout. */
    public Builder onTimeout(TimeoutPolicy policy) {
      this.onTimeout = policy;
      return this;
    }

    /** Validates and builds. */
    public ApprovalRequest build() {
      return new ApprovalRequest(title, details, requester, payloadJson, approvers, actions, timeout,
          reminders, onTimeout);
    }
  }
}
