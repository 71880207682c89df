package dev.durable.approval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happens when nobody decides before the request's timeout.
 *
 * <pre>{@code
 * TimeoutPolicy.escalate(List.of("cfo@example.com"), List.of("email"), Duration.ofHours(8),
 *     TimeoutPolicy.autoReject());
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "policy")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TimeoutPolicy.Fail.class, name = "FAIL"),
    @JsonSubTypes.Type(value = TimeoutPolicy.AutoReject.class, name = "AUTO_REJECT"),
    @JsonSubTypes.Type(value = TimeoutPolicy.Escalate.class, name = "ESCALATE")})
public sealed interface TimeoutPolicy {

  /** {@link Approvals#request} throws {@link ApprovalTimeoutException}. */
  static TimeoutPolicy fail() {
    return new Fail();
  }

  /** {@link Approvals#request} returns a {@link Decision.TimedOut}, which is not an approval. */
  static TimeoutPolicy autoReject() {
    return new AutoReject();
  }

  /**
   * Asks {@code approvers} through the named notifiers (empty = all notifiers) and waits
   * {@code timeout} more; then applies {@code then}.
   */
  static TimeoutPolicy escalate(List<String> approvers, List<String> notifiers, Duration timeout,
      TimeoutPolicy then) {
    return new Escalate(approvers, notifiers, timeout, then);
  }

  /** Fail the operation. */
  record Fail() implements TimeoutPolicy {}

  /** Return a timed-out decision. */
  record AutoReject() implements TimeoutPolicy {}

  /**
   * Escalate to other approvers or channels.
   *
   * @param approvers who may decide in the escalation round (emails or Slack user ids)
   * @param notifiers names of the notifiers to use; empty = all configured notifiers
   * @param timeout how long the escalation round waits
   * @param then what happens when the escalation round times out as well
   */
  record Escalate(List<String> approvers, List<String> notifiers, Duration timeout, TimeoutPolicy then)
      implements TimeoutPolicy {
    public Escalate {
      if (approvers == null || approvers.isEmpty()) {
        throw new ApprovalException("escalate: approvers is empty; name at least one email or Slack user id");
      }
      approvers = List.copyOf(approvers);
      notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
      Objects.requireNonNull(timeout, "escalate: timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ApprovalException("escalate: timeout is " + timeout + "; use at least 1 second");
      }
      then = then == null ? new AutoReject() : then;
    }
  }
}
