package dev.durable.local.cli;

import dev.durable.core.DurableException;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.StartResult;
import dev.durable.local.ExecutionFailedException;
import dev.durable.local.LocalRuntime;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code durable demo}: runs the application's demo end to end on the store. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs this application's demo workflow end to end on the store (worker included)"
        + " and prints its result, invocations, elapsed time and timeline.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
      converter = DurationConverter.class, description = "Give up after this long (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    return run(root, root.demo, timeout);
  }

  static int run(RootCommand root, Demo demo, Duration timeout) {
    if (demo == null) {
      throw new DurableException("This application defines no demo; start a function with"
          + " 'durable start <function> --input <json> --wait' instead.");
    }
    long t0 = System.nanoTime(); // elapsed wall time only; the runtime's clock tells the time
    try (LocalRuntime rt = root.open(b -> b.workerThreads(2), demo.registrations())) {
      var out = root.out;
      out.println("Demo:  " + demo.description());
      out.println("Store: " + root.store.toAbsolutePath().normalize() + " (" + root.durability + ")");
      StartResult s = rt.start(demo.functionName(), null, demo.input());
      out.println("Started execution " + s.executionId() + " of '" + demo.functionName()
          + "'; running the worker until it completes...");
      rt.startWorker();
      ExecutionFailedException failure = null;
      try {
        rt.await(s.executionArn(), Object.class, timeout);
      } catch (ExecutionFailedException e) {
        failure = e;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      var x = rt.status(s.executionArn());
      var history = rt.history(s.executionArn());
      long invocations = history.stream().map(HistoryEvent::eventType)
          .filter("InvocationCompleted"::equals).count();
      out.println();
      out.println("Status:      " + x.status());
      out.println(x.result() != null ? "Result:      " + x.result()
          : "Error:       " + (failure == null ? "-" : failure.getMessage()));
      out.println("Invocations: " + invocations + (invocations > 1 ? " (it suspended while waiting,"
          + " holding no thread, and resumed by replaying its journal)" : ""));
      out.println("Elapsed:     " + Format.duration(elapsed));
      out.println();
      Timeline.print(out, x, rt.operations(s.executionArn()), history);
      out.println();
      out.println("Next: run the same jar with 'list', 'show " + s.executionId() + "' or '--help'.");
      return failure == null ? DurableCli.OK : DurableCli.RUN_FAILED;
    }
  }
}
