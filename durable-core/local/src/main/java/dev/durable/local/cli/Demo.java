package dev.durable.local.cli;

import dev.durable.local.LocalRuntime;
import java.util.function.Consumer;

/**
 * What the CLI's {@code demo} command runs: an application registers a function (usually a variant
 * tuned to finish in seconds) and names an input; the command starts it on the store, runs the
 * worker until it ends, and prints the result, the invocations, the elapsed time and the timeline.
 *
 * <pre>{@code
 * Demo demo = new Demo("orders", new Order("order-1", "c-9", 4200),
 *     "the order workflow, with its 300 s cool-off shortened to 2 s",
 *     rt -> rt.register("orders", new OrderWorkflow(gateway, Duration.ofSeconds(2)), Order.class, Receipt.class));
 * System.exit(DurableCli.run(args, registrations, demo));
 * }</pre>
 *
 * @param functionName the function to start
 * @param input its input
 * @param description one line saying what runs and what differs from production
 * @param registrations registers the demo's functions (instead of the application's)
 */
public record Demo(String functionName, Object input, String description, Consumer<LocalRuntime> registrations) {}
