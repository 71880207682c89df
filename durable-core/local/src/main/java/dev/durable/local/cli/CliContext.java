package dev.durable.local.cli;

import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import dev.durable.local.LocalRuntimeBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What an application's own CLI commands get from the {@code durable} CLI: the global options, the
 * output streams, runtimes on the chosen store, and the built-in renderings. Pass command factories
 * to {@link DurableCli#run(String[], Consumer, Demo, RuntimeFactory, PrintWriter, PrintWriter, java.util.List)}.
 *
 * <pre>{@code
 * @Command(name = "hello", description = "Greets")
 * final class Hello implements Callable<Integer> {
 *   private final CliContext cli;
 *   Hello(CliContext cli) { this.cli = cli; }
 *   public Integer call() { cli.out().println("store " + cli.store()); return DurableCli.OK; }
 * }
 * DurableCli.run(args, registrations, null, RuntimeFactory.SQLITE, out, err, List.of(Hello::new));
 * }</pre>
 */
public interface CliContext {
  /** The {@code --store} file. */
  Path store();

  /** The {@code --durability} mode. */
  Durability durability();

  /** Standard output. */
  PrintWriter out();

  /** Standard error. */
  PrintWriter err();

  /** The application's registrations. */
  Consumer<LocalRuntime> registrations();

  /** A runtime on the store with {@code settings} applied and {@code functions} registered; not started. */
  LocalRuntime open(Consumer<LocalRuntimeBuilder> settings, Consumer<LocalRuntime> functions);

  /** Prints a run's header and timeline, as {@code durable show} does. */
  void printTimeline(LocalRuntime runtime, String executionArnOrId);

  /** Runs {@code demo} as the built-in {@code demo} command does; returns the exit code. */
  int runDemo(Demo demo, Duration timeout);
}
