package dev.durable.examples.lambda;

import dev.durable.core.TypeToken;
import dev.durable.examples.order.Order;
import dev.durable.examples.order.OrderWorkflow;
import dev.durable.examples.order.PaymentGateway;
import dev.durable.examples.order.Receipt;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;

/**
 * The seed order workflow as a durable Lambda function: the class {@code template.yaml} names as
 * the handler ({@code dev.durable.examples.lambda.OrderHandler::handleRequest}).
 *
 * <pre>{@code
 * sam build && sam deploy --guided
 * aws lambda invoke --function-name durable-orders:live --invocation-type Event \
 *     --durable-execution-name order-1 --cli-binary-format raw-in-base64-out \
 *     --payload '{"id":"order-1","customer":"c-9","amountCents":4200}' out.json
 * }</pre>
 */
public final class OrderHandler extends DurableHandler<Order, Receipt> {
  /** A stand-in payment provider: a payment id derived from the order (swap in a real one). */
  static final PaymentGateway GATEWAY = (order, idempotencyKey) -> "pay-" + order.id();

  /** What Lambda calls: the default client (environment credentials, {@code AWS_REGION}). */
  public OrderHandler() {
    super(new OrderWorkflow(GATEWAY), Order.class);
  }

  /** With other options, e.g. a client pointed at the local emulator. */
  public OrderHandler(HandlerOptions options) {
    super(new OrderWorkflow(GATEWAY), TypeToken.of(Order.class), options);
  }
}
