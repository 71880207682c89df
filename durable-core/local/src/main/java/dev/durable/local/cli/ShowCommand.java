package dev.durable.local.cli;

import dev.durable.local.LocalRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code durable show <id> [--json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Shows an execution: status, result or error, and a timeline of its operations.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Parameters(index = "0", paramLabel = "ID", description = "The execution id or ARN.")
  String id;

  @Option(names = "--json", description = "Print the execution, operations and history as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (LocalRuntime rt = root.open(b -> { })) {
      var execution = rt.status(id);
      var operations = rt.operations(id);
      var history = rt.history(id);
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("execution", Json.summary(execution));
        doc.put("operations", operations);
        doc.put("history", history);
        root.out.println(Json.pretty(doc));
      } else {
        Timeline.print(root.out, execution, operations, history);
      }
      return DurableCli.OK;
    }
  }
}
