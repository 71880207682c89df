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
import dev.durable.local.cli.CliContext;
import dev.durable.local.cli.DurableCli;
import dev.durable.local.cli.RuntimeFactory;
import dev.durable.local.store.SqliteExecutionStore;
import dev.durable.examples.cli.ApproveCommand;
import dev.durable.examples.cli.EmulatorListing;
import dev.durable.examples.cli.ExampleSetup;
import dev.durable.examples.cli.RunCommand;
import dev.durable.examples.cli.ServeCommand;
import dev.durable.examples.cli.StoryDemo;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code durable} CLI jar ({@code java -jar examples/target/durable.jar --help}): the admin CLI
 * of the embedded runtime with the examples registered, plus {@code run <example>}, {@code serve}
 * (worker + approval endpoint) and {@code demo}: the support-triage agent pausing for an approval,
 * surviving a restart and finishing ({@code demo orders}: the seed order workflow).
 *
 * <pre>{@code
 * java -jar examples/target/durable.jar demo
 * java -jar examples/target/durable.jar run support-triage      # pauses for approval, says how to approve
 * java -jar examples/target/durable.jar serve                   # worker + approval endpoint on :8087
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
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, RuntimeFactory.SQLITE, out, err, System.getenv()));
  }

  /**
   * The CLI with the examples: the embedded runtime's commands, plus {@code run}, {@code serve} and
   * the story {@code demo} ({@code demo orders} is the order demo).
   */
  static int run(String[] args, RuntimeFactory factory, PrintWriter out, PrintWriter err, Map<String, String> env) {
    List<Function<CliContext, Object>> commands = List.of(
        cli -> new StoryDemo(cli, demo(), env),
        cli -> new RunCommand(cli, env),
        cli -> new ServeCommand(cli, env),
        cli -> new ApproveCommand(cli, java.time.Clock.systemUTC()),
        cli -> new EmulatorListing());
    return DurableCli.run(args, rt -> register(rt, env, out), demo(), factory, out, err, commands);
  }

  /** The examples for the built-in commands ({@code start}, {@code worker}, ...), approvals as {@code run} signs them. */
  static void register(LocalRuntime rt, Map<String, String> env, PrintWriter out) {
    ExampleSetup.create(env, ExampleSetup.existingOrEphemeralKey(env),
        URI.create(env.getOrDefault("APPROVAL_BASE_URL", "http://localhost:" + ExampleSetup.DEFAULT_PORT)),
        out::println).register(rt);
  }

  /** Registers the examples' Lambda handlers with the emulator, each with a client aimed at it. */
  public static void registerLambda(LambdaEmulator emulator) {
    emulator.register("orders", client -> new OrderHandler(HandlerOptions.defaults().withClient(client)));
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
