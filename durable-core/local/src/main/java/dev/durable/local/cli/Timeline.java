package dev.durable.local.cli;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionRecord;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an execution for a terminal: a header (function, name, status, times, input, result or
 * error), then one line per operation in start order, children indented under their context, and
 * finally the callbacks the run waits for with the command that completes them.
 */
final class Timeline {
  private static final int VALUE_WIDTH = 60;

  private Timeline() {}

  static void print(PrintWriter out, ExecutionRecord x, List<Operation> ops, List<HistoryEvent> history) {
    out.println("Execution  " + x.executionId());
    out.println("ARN        " + x.executionArn());
    out.println("Function   " + x.functionName() + "   Name " + x.executionName());
    out.println("Status     " + x.status() + "   Started " + Format.dateTime(x.startTimestamp())
        + (x.endTimestamp() == null ? "" : "   Ended " + Format.dateTime(x.endTimestamp())
            + "   Took " + Format.duration(x.startTimestamp(), x.endTimestamp())));
    long invocations = history.stream().filter(e -> "InvocationCompleted".equals(e.eventType())).count();
    out.println("Invoked    " + invocations + (invocations == 1 ? " time" : " times")
        + (x.invocationActive() ? " (an invocation is running now)" : ""));
    out.println("Input      " + Format.truncate(x.inputPayload(), 100));
    if (x.result() != null) {
      out.println("Result     " + Format.truncate(x.result(), 100));
    }
    if (x.error() != null) {
      out.println("Error      " + Format.truncate(error(x.error()), 100));
    }
    if (x.parentExecutionId() != null) {
      out.println("Parent     " + x.parentExecutionId() + " (operation " + x.parentOperationId() + ")");
    }
    out.println();

    Map<String, Integer> depth = new HashMap<>();
    Table table = new Table(">#", "TYPE", "NAME", "STATUS", ">ATTEMPTS", "START", "END",
        ">DURATION", "RESULT / ERROR");
    int n = 0;
    for (Operation op : ops) {
      if (op.type() == OperationType.EXECUTION) {
        continue; // it is the header
      }
      int d = op.parentId() == null ? 0 : depth.getOrDefault(op.parentId(), 0) + 1;
      depth.put(op.id(), d);
      String type = op.subType() != null && !op.subType().equalsIgnoreCase(op.type().name())
          ? op.type() + "/" + op.subType() : op.type().name();
      table.row(++n, type, "  ".repeat(d) + (op.name() == null ? "(" + op.id() + ")" : op.name()),
          op.status(), op.type() == OperationType.STEP ? op.attempt() : "",
          Format.time(op.startTimestamp()), Format.time(op.endTimestamp()),
          Format.duration(op.startTimestamp(), op.endTimestamp()), Format.truncate(outcome(op), VALUE_WIDTH));
    }
    if (n == 0) {
      out.println("(no operations yet)");
    } else {
      table.print(out);
    }
    for (Operation op : ops) {
      if (op.type() == OperationType.CALLBACK && op.status() == OperationStatus.STARTED
          && op.callbackDetails() != null) {
        out.println();
        out.println("Waiting for callback '" + op.name() + "'. Complete it with:");
        out.println("  durable callback succeed " + op.callbackDetails().callbackId() + " '<json>'");
      }
    }
  }

  /** The operation's result, error or what it waits for, as one short string. */
  private static String outcome(Operation op) {
    if (op.stepDetails() != null) {
      var s = op.stepDetails();
      if (s.error() != null) {
        return error(s.error()) + (s.nextAttemptTimestamp() != null
            ? " (retry at " + Format.time(s.nextAttemptTimestamp()) + ")" : "");
      }
      return s.result();
    }
    if (op.waitDetails() != null && op.status() == OperationStatus.STARTED) {
      // a wait may end days later, so the date matters here, unlike in the start/end columns
      return "until " + Format.dateTime(op.waitDetails().scheduledEndTimestamp());
    }
    if (op.callbackDetails() != null) {
      var c = op.callbackDetails();
      return c.error() != null ? error(c.error()) : c.result() != null ? c.result()
          : op.status() == OperationStatus.STARTED ? "waiting (id below)" : null;
    }
    if (op.contextDetails() != null) {
      return op.contextDetails().error() != null ? error(op.contextDetails().error())
          : op.contextDetails().result();
    }
    if (op.chainedInvokeDetails() != null) {
      var i = op.chainedInvokeDetails();
      return i.error() != null ? error(i.error()) : i.result();
    }
    return null;
  }

  private static String error(ErrorObject e) {
    return e.errorType() + (e.errorMessage() == null ? "" : ": " + e.errorMessage());
  }
}
