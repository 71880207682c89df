package dev.durable.examples.triage;

/**
 * What the triage run did.
 *
 * @param ticketId the ticket
 * @param category the classifier's category
 * @param refund what happened to a refund: {@code none}, {@code refunded 4900} (under the
 *     threshold), {@code refunded 12900 (approved by ...)}, or {@code not refunded: ...}
 * @param reply the reply that was sent
 * @param messageId the mail system's id for the sent reply
 */
public record TriageResult(String ticketId, String category, String refund, String reply, String messageId) {}
