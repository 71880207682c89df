package dev.durable.examples.order;

/** The side effect the order workflow must not repeat: charging a card. */
public interface PaymentGateway {
  /**
   * Charges the order and returns a payment id. {@code idempotencyKey} is stable for one attempt, so
   * a gateway that honours it never charges twice for the same attempt.
   */
  String charge(Order order, String idempotencyKey) throws Exception;
}
