package dev.durable.lambda.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** The admin commands over the AWS SDK: list, show, callback, stop. */
final class AwsCommands {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private AwsCommands() {}

  /** Base of the four: checks {@code --aws} and opens a client. */
  abstract static class AwsCommand implements Callable<Integer> {
    @ParentCommand
    LambdaRoot root;

    @Option(names = "--function", paramLabel = "NAME",
        description = "The durable function (name, name:qualifier or ARN).")
    String function;

    @Override
    public final Integer call() {
      if (!root.aws) {
        throw new ParameterException(root.spec.commandLine(), "add --aws: without it the command"
            + " manages the embedded store instead (run it through the main `durable` CLI).");
      }
      try (LambdaClient lambda = root.client()) {
        return run(lambda);
      }
    }

    abstract int run(LambdaClient lambda);

    String requireFunction() {
      if (function == null || function.isBlank()) {
        throw new ParameterException(root.spec.commandLine(), "--function NAME is required here,"
            + " e.g. --function orders");
      }
      return function;
    }

    /** An execution ARN, or the ARN of the newest execution of {@code --function} with that name. */
    String resolve(LambdaClient lambda, String arnOrName) {
      if (arnOrName.startsWith("arn:")) {
        return arnOrName;
      }
      List<Execution> found = lambda.listDurableExecutionsByFunction(b -> b
          .functionName(requireFunction()).durableExecutionName(arnOrName)).durableExecutions();
      if (found.isEmpty()) {
        throw new IllegalArgumentException("No execution named '" + arnOrName + "' of function "
            + function + "; pass the execution ARN or check the name with `list --aws`.");
      }
      return found.get(0).durableExecutionArn();
    }
  }

  /** {@code list --aws --function NAME [--status S] [--limit N]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the durable executions of a function.")
  static final class ListCmd extends AwsCommand {
    @Option(names = "--status", paramLabel = "S",
        description = "Only RUNNING, SUCCEEDED, FAILED, TIMED_OUT or STOPPED.")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
        description = "At most N executions, 1-1000 (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(LambdaClient lambda) {
      if (limit < 1 || limit > 1000) {
        throw new ParameterException(root.spec.commandLine(), "--limit must be 1..1000, got " + limit);
      }
      String fn = requireFunction();
      List<Execution> runs = lambda.listDurableExecutionsByFunction(b -> {
        b.functionName(fn).maxItems(limit);
        if (status != null) {
          b.statusesWithStrings(status.toUpperCase(Locale.ROOT));
        }
      }).durableExecutions();
      if (runs.isEmpty()) {
        root.out.println("No executions of " + fn + (status == null ? "" : " with status " + status) + '.');
        return 0;
      }
      root.out.printf(Locale.ROOT, "%-24s %-10s %-20s %s%n", "NAME", "STATUS", "STARTED", "ARN");
      for (Execution e : runs) {
        root.out.printf(Locale.ROOT, "%-24s %-10s %-20s %s%n", e.durableExecutionName(),
            e.statusAsString(), time(e.startTimestamp()), e.durableExecutionArn());
      }
      return 0;
    }
  }

  /** {@code show <arn|name> --aws [--function NAME]}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Shows an execution's status, result or error, and its history.")
  static final class ShowCmd extends AwsCommand {
    @Parameters(index = "0", paramLabel = "EXECUTION",
        description = "The execution ARN, or its name together with --function.")
    String execution;

    @Override
    int run(LambdaClient lambda) {
      String arn = resolve(lambda, execution);
      GetDurableExecutionResponse r = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
      root.out.println("Execution " + r.durableExecutionName() + "  " + r.statusAsString());
      root.out.println("  arn:      " + r.durableExecutionArn());
      root.out.println("  started:  " + time(r.startTimestamp())
          + (r.endTimestamp() == null ? "" : "   ended: " + time(r.endTimestamp()) + " ("
          + Duration.between(r.startTimestamp(), r.endTimestamp()).toMillis() + " ms)"));
      if (r.result() != null) {
        root.out.println("  result:   " + r.result());
      }
      if (r.error() != null) {
        root.out.println("  error:    " + r.error().errorType() + ": " + r.error().errorMessage());
      }
      root.out.println("History:");
      for (Event e : lambda.getDurableExecutionHistoryPaginator(b -> b.durableExecutionArn(arn))
          .events()) {
        root.out.printf(Locale.ROOT, "  %3d %-20s %-22s %s%n", e.eventId(), time(e.eventTimestamp()),
            e.eventTypeAsString(), e.name() == null ? "" : e.name());
      }
      return 0;
    }
  }

  /** {@code callback succeed|fail|heartbeat <callbackId> [json] --aws}. */
  @Command(name = "callback", mixinStandardHelpOptions = true,
      description = "Completes, fails or heartbeats a callback a run waits for.")
  static final class CallbackCmd extends AwsCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "succeed, fail or heartbeat.")
    String action;

    @Parameters(index = "1", paramLabel = "CALLBACK_ID", description = "The callback id.")
    String callbackId;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON",
        description = "succeed: the result as JSON (default null); fail: the error message.")
    String value;

    @Option(names = "--error-type", paramLabel = "TYPE", defaultValue = "Rejected",
        description = "fail: the error type (default ${DEFAULT-VALUE}).")
    String errorType;

    @Override
    int run(LambdaClient lambda) {
      switch (action) {
        case "succeed" -> lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
            .result(SdkBytes.fromUtf8String(value == null ? "null" : value)));
        case "fail" -> lambda.sendDurableExecutionCallbackFailure(b -> b.callbackId(callbackId)
            .error(e -> e.errorType(errorType).errorMessage(value == null ? "failed" : value)));
        case "heartbeat" -> lambda.sendDurableExecutionCallbackHeartbeat(b -> b.callbackId(callbackId));
        default -> throw new ParameterException(root.spec.commandLine(), "ACTION is '" + action
            + "'; use succeed, fail or heartbeat.");
      }
      root.out.println("Callback " + action + (action.endsWith("e") ? "d" : "ed") + ".");
      return 0;
    }
  }

  /** {@code stop <arn|name> --aws [--reason R]}. */
  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a running execution.")
  static final class StopCmd extends AwsCommand {
    @Parameters(index = "0", paramLabel = "EXECUTION",
        description = "The execution ARN, or its name together with --function.")
    String execution;

    @Option(names = "--reason", paramLabel = "R", description = "Recorded as the execution's error.")
    String reason;

    @Override
    int run(LambdaClient lambda) {
      String arn = resolve(lambda, execution);
      var r = lambda.stopDurableExecution(b -> {
        b.durableExecutionArn(arn);
        if (reason != null) {
          b.error(e -> e.errorType("Stopped").errorMessage(reason));
        }
      });
      root.out.println("Stopped " + arn + " at " + time(r.stopTimestamp()) + '.');
      return 0;
    }
  }

  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }
}
