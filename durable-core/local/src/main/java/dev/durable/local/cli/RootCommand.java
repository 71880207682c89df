package dev.durable.local.cli;

import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import dev.durable.local.LocalRuntimeBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: global options and the shared way to open a runtime. */
@Command(name = "durable", mixinStandardHelpOptions = true, version = "durable 0.1.0",
    description = "Runs and inspects durable workflows on the embedded store.",
    subcommands = {StartCommand.class, ListCommand.class, ShowCommand.class, CallbackCommand.class,
        StopCommand.class, WorkerCommand.class, DemoCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 error, 2 bad usage, 3 awaited run failed, 4 --wait timed out."})
final class RootCommand implements Callable<Integer>, CliContext {
  @Spec
  CommandSpec spec;

  @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "PATH",
      description = "The journal file (default: ${DEFAULT-VALUE} in the working directory).")
  Path store = Path.of("durable.db");

  @Option(names = "--durability", scope = ScopeType.INHERIT, paramLabel = "MODE",
      description = "STRICT (fsync every commit; the default) or RELAXED (survives a process crash,"
          + " may lose the last commits on power loss).")
  Durability durability = Durability.STRICT;

  final Consumer<LocalRuntime> registrations;
  final Demo demo;
  final PrintWriter out;
  final PrintWriter err;
  private final RuntimeFactory factory;

  RootCommand(Consumer<LocalRuntime> registrations, Demo demo, RuntimeFactory factory,
      PrintWriter out, PrintWriter err) {
    this.registrations = registrations;
    this.demo = demo;
    this.factory = factory;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return DurableCli.USAGE; // a command is required
  }

  /** A runtime on the chosen store with the application's functions registered; not started. */
  LocalRuntime open(Consumer<LocalRuntimeBuilder> settings) {
    return open(settings, registrations);
  }

  /** A runtime with other registrations (the demo's). */
  @Override
  public LocalRuntime open(Consumer<LocalRuntimeBuilder> settings, Consumer<LocalRuntime> functions) {
    LocalRuntimeBuilder builder = factory.builder(store, durability);
    settings.accept(builder);
    LocalRuntime rt = builder.build();
    try {
      functions.accept(rt);
    } catch (RuntimeException e) {
      rt.close();
      throw e;
    }
    return rt;
  }

  @Override
  public Path store() {
    return store;
  }

  @Override
  public Durability durability() {
    return durability;
  }

  @Override
  public PrintWriter out() {
    return out;
  }

  @Override
  public PrintWriter err() {
    return err;
  }

  @Override
  public Consumer<LocalRuntime> registrations() {
    return registrations;
  }

  @Override
  public void printTimeline(LocalRuntime runtime, String executionArnOrId) {
    Timeline.print(out, runtime.status(executionArnOrId), runtime.operations(executionArnOrId),
        runtime.history(executionArnOrId));
  }

  @Override
  public int runDemo(Demo demo, java.time.Duration timeout) {
    return DemoCommand.run(this, demo, timeout);
  }
}
