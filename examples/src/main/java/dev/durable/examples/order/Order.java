package dev.durable.examples.order;

/**
 * An order to fulfil.
 *
 * @param id order id
 * @param customer customer id
 * @param amountCents amount to charge, in cents
 */
public record Order(String id, String customer, long amountCents) {}
