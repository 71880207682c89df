package dev.durable.examples.order;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import java.time.Duration;

/**
 * The seed example: validate an order, charge it (at most once per attempt), wait a cool-off
 * (five minutes by default) during which the run holds no thread, then complete it.
 *
 * <pre>{@code
 * var runner = DurableTestRunner.create(new OrderWorkflow(gateway), Order.class, Receipt.class);
 * Receipt receipt = runner.runUntilComplete(new Order("o-1", "c-9", 4200)).result();
 * }</pre>
 */
public final class OrderWorkflow implements DurableFunction<Order, Receipt> {
  /** How long the workflow waits between charging and completing, unless told otherwise. */
  public static final Duration COOL_OFF = Duration.ofSeconds(300);

  private final PaymentGateway gateway;
  private final Duration coolOff;

  /** A workflow that charges through {@code gateway} and cools off for {@link #COOL_OFF}. */
  public OrderWorkflow(PaymentGateway gateway) {
    this(gateway, COOL_OFF);
  }

  /**
   * A workflow with another cool-off, e.g. 2 s for the demo. Changing it for runs already waiting
   * is harmless: a started wait keeps the end time it was journaled with.
   */
  public OrderWorkflow(PaymentGateway gateway, Duration coolOff) {
    this.gateway = gateway;
    if (coolOff == null || coolOff.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("coolOff must be at least 1 second (a durable wait's"
          + " minimum); got " + coolOff);
    }
    this.coolOff = coolOff;
  }

  @Override
  public Receipt apply(Order order, DurableContext ctx) {
    String validated = ctx.step("validate", String.class, s -> {
      if (order.amountCents() <= 0) {
        throw new IllegalArgumentException("order " + order.id() + " has a non-positive amount");
      }
      return order.id();
    }, StepOptions.noRetry());
    String paymentId = ctx.step("charge", String.class,
        s -> gateway.charge(order, s.idempotencyKey()), StepOptions.atMostOncePerRetry());
    ctx.logger().info("charged order {} as {}; cooling off for {}", validated, paymentId, coolOff);
    ctx.wait("cool-off", coolOff);
    return ctx.step("complete", Receipt.class, s -> new Receipt(order.id(), paymentId, "COMPLETED"));
  }
}
