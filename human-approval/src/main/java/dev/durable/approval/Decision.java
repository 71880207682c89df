package dev.durable.approval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * The outcome of an approval, journaled as the result of the approval's child context: replays
 * return the same decision without asking anyone again.
 *
 * <pre>{@code
 * Decision d = Approvals.request(ctx, "refund", request, options);
 * if (d instanceof Decision.Approved a) {
 *   refund(a.approver());
 * } else if (d instanceof Decision.TimedOut t) {
 *   log("nobody answered by " + t.at());
 * }
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Decision.Approved.class, name = "APPROVED"),
    @JsonSubTypes.Type(value = Decision.Rejected.class, name = "REJECTED"),
    @JsonSubTypes.Type(value = Decision.TimedOut.class, name = "TIMED_OUT")})
public sealed interface Decision {

  /** Who decided: an email address, a Slack user id, or {@code system} for a timeout. */
  String approver();

  /** The approver's comment, or null. */
  String comment();

  /** When the decision was made (the endpoint's clock), or the deadline for a timeout. */
  Instant at();

  /** How it arrived: {@code web}, {@code slack} or {@code system}. */
  String channel();

  /** True only for {@link Approved}. */
  @JsonIgnore
  default boolean isApproved() {
    return this instanceof Approved;
  }

  /** The approver said yes. */
  record Approved(String approver, String comment, Instant at, String channel) implements Decision {}

  /** The approver said no. */
  record Rejected(String approver, String comment, Instant at, String channel) implements Decision {}

  /** Nobody decided in time; {@code approver} is {@code system}. */
  record TimedOut(String approver, String comment, Instant at, String channel) implements Decision {
    /** A timeout at {@code deadline}. */
    public static TimedOut at(Instant deadline, String why) {
      return new TimedOut("system", why, deadline, "system");
    }
  }
}
