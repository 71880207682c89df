package dev.durable.examples.order;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import java.time.Duration;

/**
 * The seed example: validate an order, charge it (at most once per attempt), wait a five-minute
 * cool-off during which the run holds no thread, then complete it.
 *
 * <pre>{@code
 * var runner = DurableTestRunner.create(new OrderWorkflow(gateway), Order.class, Receipt.class);
 * Receipt receipt = runner.runUntilComplete(new Order("o-1", "c-9", 4200)).result();
 * }</pre>
 */
public final class OrderWorkflow implements DurableFunction<Order, Receipt> {
  /** How long the workflow waits between charging and completing. */
  public static final Duration COOL_OFF = Duration.ofSeconds(300);

  private final PaymentGateway gateway;

  /** A workflow that charges through {@code gateway}. */
  public OrderWorkflow(PaymentGateway gateway) {
    this.gateway = gateway;
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
    ctx.logger().info("charged order {} as {}; cooling off for {}", validated, paymentId, COOL_OFF);
    ctx.wait("cool-off", COOL_OFF);
    return ctx.step("complete", Receipt.class, s -> new Receipt(order.id(), paymentId, "COMPLETED"));
  }
}
