package dev.durable.approval;

import java.time.Instant;
import java.util.List;

/**
 * What a notifier sends: the request, who may decide, and how to reach the endpoint. Notifiers mint
 * links with {@link #pageUrl} (one per approver, for email) or {@link #buttonToken} (for chat).
 *
 * @param kind first request, reminder, or escalation
 * @param request the request as journaled
 * @param requestHash its hash, bound into every link
 * @param executionArn the run that waits
 * @param callbackId the callback a decision completes
 * @param deadline when the wait ends; links expire then
 * @param approvers who may decide in this round
 * @param links the link minter
 */
public record ApprovalMessage(Kind kind, ApprovalRequest request, String requestHash, String executionArn,
    String callbackId, Instant deadline, List<String> approvers, ApprovalLinks links) {

  /** Why the message is sent. */
  public enum Kind { REQUEST, REMINDER, ESCALATION }

  /** The signed page link for {@code approver}; {@code action} preselects approve or reject. */
  public String pageUrl(String approver, String action) {
    return links.pageUrl(this, approver, action);
  }

  /** A signed token for chat buttons. */
  public String buttonToken() {
    return links.buttonToken(this);
  }

  /** A copy for another kind of message. */
  public ApprovalMessage withKind(Kind newKind) {
    return new ApprovalMessage(newKind, request, requestHash, executionArn, callbackId, deadline, approvers, links);
  }

  /** A subject line such as "Approval needed: Refund order 42". */
  public String subject() {
    return switch (kind) {
      case REQUEST -> "Approval needed: ";
      case REMINDER -> "Reminder, approval needed: ";
      case ESCALATION -> "Escalated, approval needed: ";
    } + request.title();
  }
}
