package dev.durable.local.cli;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.local.LocalRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code durable list [--function F] [--status S] [--limit N] [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists executions, newest first.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = "--function", paramLabel = "F", description = "Only executions of this function.")
  String function;

  @Option(names = "--status", paramLabel = "S",
      description = "Only this status: ${COMPLETION-CANDIDATES}.")
  ExecutionStatus status;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "At most N executions, 1-1000 (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print JSON for machines.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (limit < 1 || limit > 1000) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1..1000, got " + limit);
    }
    try (LocalRuntime rt = root.open(b -> { })) {
      List<ExecutionRecord> runs = rt.list(new ExecutionQuery(function, status, null, null, limit));
      if (json) {
        root.out.println(Json.pretty(runs.stream().map(Json::summary).toList()));
        return DurableCli.OK;
      }
      if (runs.isEmpty()) {
        root.out.println("No executions" + (function == null && status == null ? "" : " match")
            + " in " + root.store + ".");
        return DurableCli.OK;
      }
      Table t = new Table("EXECUTION", "FUNCTION", "NAME", "STATUS", "STARTED", ">DURATION");
      for (ExecutionRecord r : runs) {
        t.row(r.executionId(), r.functionName(), Format.truncate(r.executionName(), 40), r.status(),
            Format.dateTime(r.startTimestamp()),
            r.endTimestamp() == null ? "running" : Format.duration(r.startTimestamp(), r.endTimestamp()));
      }
      t.print(root.out);
      return DurableCli.OK;
    }
  }
}
