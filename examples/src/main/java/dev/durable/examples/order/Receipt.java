package dev.durable.examples.order;

/**
 * The outcome of a fulfilled order.
 *
 * @param orderId the order
 * @param paymentId the payment that charged it
 * @param status final status, e.g. {@code COMPLETED}
 */
public record Receipt(String orderId, String paymentId, String status) {}
