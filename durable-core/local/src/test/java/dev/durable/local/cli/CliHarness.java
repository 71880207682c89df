package dev.durable.local.cli;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs {@link DurableCli} in-process against one in-memory store, as if each call were a separate
 * process on the same store file.
 */
final class CliHarness {
  record Result(int code, String out, String err) {}

  final InMemoryExecutionStore store = new InMemoryExecutionStore();
  final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  final List<Path> storesOpened = new ArrayList<>();
  Demo demo;

  /** The application's functions: echo, fails, approve (waits for a callback), long (big result), sleeps (a two-day wait). */
  static final Consumer<LocalRuntime> FUNCTIONS = rt -> {
    rt.register("echo", (String s, DurableContext ctx) -> ctx.step("say", String.class, st -> s),
        String.class, String.class);
    rt.register("fails", (String s, DurableContext ctx) -> {
      throw new IllegalStateException("card declined");
    }, String.class, String.class);
    rt.register("approve", (String s, DurableContext ctx) -> ctx.waitForCallback("manager-ok",
        String.class, (id, st) -> { }, CallbackOptions.defaults()), String.class, String.class);
    rt.register("long", (String s, DurableContext ctx) -> ctx.step("big", String.class,
        st -> "x".repeat(200)), String.class, String.class);
    rt.register("sleeps", (String s, DurableContext ctx) -> {
      ctx.wait("nap", Duration.ofDays(2));
      return s;
    }, String.class, String.class);
  };

  private final RuntimeFactory factory = (path, durability) -> {
    storesOpened.add(path);
    return LocalRuntime.builder().store(store, leases).pollInterval(Duration.ofMillis(10))
        .shutdownTimeout(Duration.ofSeconds(1));
  };

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DurableCli.run(args, FUNCTIONS, demo, factory, new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A runtime on the same store, e.g. a worker "process" next to the CLI calls. */
  LocalRuntime runtime() {
    LocalRuntime rt = factory.builder(Path.of("durable.db"), null).build();
    FUNCTIONS.accept(rt);
    return rt;
  }

  /** The execution id printed by {@code start}. */
  static String startedId(Result r) {
    return r.out().lines().filter(l -> l.startsWith("Started ") || l.startsWith("Already running: "))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
  }
}
