package dev.durable.local.cli;

import dev.durable.local.LocalRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code durable stop <id> [--reason R]}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stops a running execution; it ends STOPPED with the reason as its error.")
final class StopCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Parameters(index = "0", paramLabel = "ID", description = "The execution id or ARN.")
  String id;

  @Option(names = "--reason", paramLabel = "R", description = "Why (recorded in the execution).")
  String reason;

  @Override
  public Integer call() {
    try (LocalRuntime rt = root.open(b -> { })) {
      var at = rt.stop(id, reason);
      root.out.println("Stopped " + id + " at " + Format.dateTime(at) + '.');
      return DurableCli.OK;
    }
  }
}
