package dev.durable.examples;

import dev.durable.examples.lambda.OrderHandler;
import dev.durable.examples.order.Order;
import dev.durable.examples.order.OrderWorkflow;
import dev.durable.examples.order.PaymentGateway;
import dev.durable.examples.order.Receipt;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.cli.LambdaCli;
import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.Demo;
import dev.durable.local.cli.DurableCli;
import dev.durable.local.store.SqliteExecutionStore;
import java.time.Duration;

/**
 * The {@code durable} CLI jar ({@code java -jar examples/target/durable.jar --help}): the admin CLI
 * of the embedded runtime with the examples registered. {@code demo} runs the order workflow end to
 * end on the store in {@code durable.db}.
 *
 * <pre>{@code
 * java -jar examples/target/durable.jar demo
 * java -jar examples/target/durable.jar start orders --input '{"id":"o-2","customer":"c-1","amountCents":990}'
 * java -jar examples/target/durable.jar worker
 * java -jar examples/target/durable.jar emulator --port 9000          # local Lambda emulator
 * java -jar examples/target/durable.jar list --aws --function durable-orders
 * }</pre>
 *
 * <p>{@code emulator} and every command with {@code --aws} go to {@link LambdaCli}; the rest to the
 * embedded runtime's CLI.
 */
public final class Main {
  /** The demo's cool-off: short, so that {@code demo} finishes in a few seconds. */
  static final Duration DEMO_COOL_OFF = Duration.ofSeconds(2);

  /** A stand-in payment provider: returns a payment id derived from the order. */
  static final PaymentGateway GATEWAY = (order, idempotencyKey) -> "pay-" + order.id();

  private Main() {}

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    if (LambdaCli.handles(args)) {
      System.exit(LambdaCli.run(args, Main::registerLambda,
          path -> SqliteExecutionStore.open(path, Durability.STRICT))); // emulator --store
    }
    System.exit(DurableCli.run(args, Main::register, demo()));
  }

  /** Registers the examples' Lambda handlers with the emulator, each with a client aimed at it. */
  public static void registerLambda(LambdaEmulator emulator) {
    emulator.register("orders", client -> new OrderHandler(HandlerOptions.defaults().withClient(client)));
  }

  /** Registers the examples under their function names. */
  static void register(LocalRuntime rt) {
    rt.register("orders", new OrderWorkflow(GATEWAY), Order.class, Receipt.class);
  }

  /** The demo: one order through the order workflow, with a 2 s cool-off instead of 300 s. */
  static Demo demo() {
    return new Demo("orders", new Order("order-1", "customer-9", 4200),
        "the seed order workflow (validate, charge, cool-off wait, complete); the cool-off is "
            + DEMO_COOL_OFF.toSeconds() + " s here instead of the example's "
            + OrderWorkflow.COOL_OFF.toSeconds() + " s",
        rt -> rt.register("orders", new OrderWorkflow(GATEWAY, DEMO_COOL_OFF), Order.class, Receipt.class));
  }
}
