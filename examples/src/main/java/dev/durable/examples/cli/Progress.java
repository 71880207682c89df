package dev.durable.examples.cli;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.local.LocalRuntime;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prints a run's steps as they happen by polling its journal (so it works for a worker in this
 * process or in another one sharing the store): one line when an operation ends, and one when the
 * run starts waiting for a callback. Also counts the journal's model calls and tool calls.
 *
 * <pre>{@code
 * Progress p = new Progress(out);
 * while (...) { p.poll(runtime, arn); Thread.sleep(100); }
 * }</pre>
 */
public final class Progress {
  private static final int WIDTH = 90;
  private final PrintWriter out;
  private final Set<String> printed = new HashSet<>();

  /** Prints to {@code out}. */
  public Progress(PrintWriter out) {
    this.out = out;
  }

  /** Prints what changed since the last poll; returns the operations read. */
  public List<Operation> poll(LocalRuntime rt, String arn) {
    List<Operation> ops = rt.operations(arn);
    for (Operation op : ops) {
      if (op.type() == OperationType.EXECUTION || op.name() == null) {
        continue;
      }
      boolean waiting = (op.type() == OperationType.CALLBACK || op.type() == OperationType.WAIT && op.parentId() == null)
          && op.status() == OperationStatus.STARTED;
      if (!(waiting || op.status().isTerminal()) || !printed.add(op.id() + "/" + op.status())) {
        continue;
      }
      String what = kind(op);
      if (what == null) {
        continue; // internal bookkeeping of approvals and agents, shown in the final timeline
      }
      out.println(String.format("  %-9s %-34s %-10s %s", what, op.name(),
          waiting ? "WAITING" : op.status().name(), shorten(summary(op))));
    }
    return ops;
  }

  /** Journal steps that hold a model answer. */
  public static long modelSteps(List<Operation> ops) {
    return ops.stream().filter(Progress::isModelStep).count();
  }

  /** Journal steps that hold a tool result ({@code <tool>#<call>}). */
  public static long toolSteps(List<Operation> ops) {
    return ops.stream().filter(o -> o.type() == OperationType.STEP && o.name() != null
        && o.name().contains("#") && !isModelStep(o)).count();
  }

  private static boolean isModelStep(Operation o) {
    return o.type() == OperationType.STEP && o.stepDetails() != null && o.stepDetails().result() != null
        && o.stepDetails().result().contains("\"finishReason\"");
  }

  private static String kind(Operation op) {
    if (isModelStep(op)) {
      return "model";
    }
    if (op.type() == OperationType.STEP && op.name().contains("#")) {
      return "tool";
    }
    if (op.type() == OperationType.STEP && op.name().startsWith("notify-")) {
      return "notify";
    }
    if (op.type() == OperationType.CALLBACK) {
      return "approval";
    }
    if (op.type() == OperationType.CONTEXT && (op.name().startsWith("approve-") || op.name().startsWith("budget-"))) {
      return "decision";
    }
    if (op.type() == OperationType.WAIT) {
      return "wait";
    }
    if (op.type() == OperationType.STEP && op.parentId() == null) {
      return "step";
    }
    return null;
  }

  private static String summary(Operation op) {
    if (op.stepDetails() != null) {
      var s = op.stepDetails();
      if (s.error() != null) {
        return s.error().errorType() + ": " + s.error().errorMessage();
      }
      String r = s.result();
      if (r != null && r.contains("\"finishReason\"")) {
        return r.contains("\"toolCalls\":[{") ? "asked for tools " + r.replaceAll(".*?\"toolCalls\":\\[(.*?)\\],.*", "$1")
            .replaceAll("\"arguments\":\"(\\\\.|[^\"])*\",?", "") : r.replaceAll("^\\{\"text\":", "");
      }
      return r;
    }
    if (op.callbackDetails() != null) {
      return op.status() == OperationStatus.STARTED ? "callback " + op.callbackDetails().callbackId()
          : op.callbackDetails().result();
    }
    if (op.contextDetails() != null) {
      return op.contextDetails().result();
    }
    if (op.waitDetails() != null && op.status() == OperationStatus.STARTED) {
      return "until " + op.waitDetails().scheduledEndTimestamp() + " (the run holds no thread meanwhile)";
    }
    return "";
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replace('\n', ' ');
    return one.length() <= WIDTH ? one : one.substring(0, WIDTH - 3) + "...";
  }
}
