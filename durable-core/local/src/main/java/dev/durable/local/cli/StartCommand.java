package dev.durable.local.cli;

import dev.durable.core.service.StartResult;
import dev.durable.local.LocalRuntime;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code durable start <function> [--name N] [--input JSON] [--wait[=timeout]]}. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = {"Starts an execution of a registered function.",
        "Idempotent by --name: the same name and input return the running execution;"
            + " another input is refused."})
final class StartCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Parameters(index = "0", paramLabel = "FUNCTION", description = "The registered function name.")
  String function;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Execution name (1-64 of [a-zA-Z0-9_-]); generated if omitted.")
  String name;

  @Option(names = "--input", paramLabel = "JSON", description = "The input as JSON (default: null).")
  String input;

  @Option(names = "--wait", arity = "0..1", fallbackValue = "10m", paramLabel = "TIMEOUT",
      converter = DurationConverter.class,
      description = "Run a worker in this process and wait for the result (default timeout"
          + " ${FALLBACK-VALUE}; e.g. --wait=30s).")
  Duration wait;

  @Override
  public Integer call() {
    try (LocalRuntime rt = root.open(b -> { })) {
      StartResult s = rt.startJson(function, name, input);
      root.out.println((s.created() ? "Started " : "Already running: ") + s.executionId());
      root.out.println("  " + s.executionArn());
      if (wait == null) {
        root.out.println("A worker on this store runs it (start one with 'durable worker');"
            + " follow it with 'durable show " + s.executionId() + "'.");
        return DurableCli.OK;
      }
      rt.startWorker();
      rt.await(s.executionArn(), Object.class, wait); // throws with exit code 3 or 4
      root.out.println("SUCCEEDED " + rt.status(s.executionArn()).result());
      return DurableCli.OK;
    }
  }
}
