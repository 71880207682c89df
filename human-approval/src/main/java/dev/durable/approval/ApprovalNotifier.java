package dev.durable.approval;

/**
 * A channel that puts approval requests in front of people: {@link SlackNotifier},
 * {@link EmailNotifier}, or your own (Teams, a ticket system, SMS).
 *
 * <p>Both methods run inside durable steps: a failure is retried with the step's retry policy
 * (durably, across restarts), and a send that succeeded is never repeated on replay. A send that
 * throws after delivering may be delivered again on retry, so pass {@code idempotencyKey} to APIs
 * that de-duplicate.
 *
 * <pre>{@code
 * class TicketNotifier implements ApprovalNotifier {
 *   public String name() { return "tickets"; }
 *   public NotificationReceipt send(ApprovalMessage m, String idempotencyKey) {
 *     String id = tickets.open(m.subject(), m.pageUrl("ops@example.com", null), idempotencyKey);
 *     return new NotificationReceipt(name(), Map.of("ticket", id));
 *   }
 * }
 * }</pre>
 */
public interface ApprovalNotifier {

  /** A short unique name, used in receipts and to pick notifiers for escalation. */
  String name();

  /** Sends the request (or reminder, or escalation) to this channel. */
  NotificationReceipt send(ApprovalMessage message, String idempotencyKey) throws Exception;

  /** Tells the channel the outcome, e.g. replaces the buttons of a chat message. Optional. */
  default void decided(ApprovalMessage message, NotificationReceipt receipt, Decision decision)
      throws Exception {}
}
