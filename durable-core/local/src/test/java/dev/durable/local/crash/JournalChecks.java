package dev.durable.local.crash;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.local.crash.SideEffectLog.Kind;
import dev.durable.local.crash.SideEffectLog.Line;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares the side-effect log (what the step bodies really did) with the journal (what the store
 * says happened), and collects every violation of the crash guarantees as a readable sentence.
 */
public final class JournalChecks {

  /**
   * What the comparison found.
   *
   * @param bodyRuns step bodies started, over all generations
   * @param duplicateAttempts (step, attempt) pairs whose body started more than once: allowed only
   *     for at-least-once steps, and only across a crash
   * @param interruptedAtMostOnce at-most-once attempts a crash interrupted (started, never ended)
   * @param steps journaled STEP operations checked
   * @param violations broken guarantees; empty when all hold
   */
  public record Report(int bodyRuns, int duplicateAttempts, int interruptedAtMostOnce, int steps,
      List<String> violations) {}

  private JournalChecks() {}

  /**
   * Checks the guarantees for every run in {@code journal} (run name to its operations).
   *
   * <ul>
   *   <li>every body line belongs to a journaled step;
   *   <li>no body of a step started after the step's SUCCEEDED record (compared at millisecond
   *       precision: a store may keep milliseconds only);
   *   <li>a SUCCEEDED step's journaled result is one its body really returned;
   *   <li>one process never started the same attempt twice (a repeat needs a crash in between);
   *   <li>an at-most-once step started each attempt at most once, over all processes.
   * </ul>
   */
  public static Report check(Map<String, List<Operation>> journal, List<Line> log) {
    List<String> violations = new ArrayList<>();
    Map<String, Operation> steps = new HashMap<>();
    journal.forEach((run, ops) -> ops.stream().filter(op -> op.type() == OperationType.STEP)
        .forEach(op -> steps.put(run + "/" + op.id(), op)));
    Map<String, List<Line>> byStep = log.stream().collect(Collectors.groupingBy(Line::stepKey));

    int duplicates = 0;
    int interrupted = 0;
    for (Map.Entry<String, List<Line>> e : byStep.entrySet()) {
      Operation op = steps.get(e.getKey());
      if (op == null) {
        violations.add("bodies ran for " + e.getKey() + " (" + e.getValue().get(0).step()
            + "), which the journal does not hold");
        continue;
      }
      checkAgainstRecord(e.getKey(), op, e.getValue(), violations);
      Map<Integer, List<Line>> byAttempt = e.getValue().stream().collect(Collectors.groupingBy(Line::attempt));
      for (Map.Entry<Integer, List<Line>> a : byAttempt.entrySet()) {
        List<Line> begins = a.getValue().stream().filter(l -> l.kind() == Kind.B).toList();
        List<Line> ends = a.getValue().stream().filter(l -> l.kind() == Kind.E).toList();
        String what = e.getKey() + " (" + op.name() + ") attempt " + a.getKey();
        if (begins.size() > 1) {
          duplicates++;
          if (CrashWorkflow.AT_MOST_ONCE.contains(op.name())) {
            violations.add("at-most-once step " + what + " started " + begins.size() + " times: " + begins);
          }
          long generations = begins.stream().map(Line::generation).distinct().count();
          if (generations < begins.size()) {
            violations.add(what + " started twice in one process, with no crash in between: " + begins);
          }
        }
        if (CrashWorkflow.AT_MOST_ONCE.contains(op.name()) && ends.isEmpty() && !begins.isEmpty()) {
          interrupted++;
        }
      }
    }
    for (Map.Entry<String, Operation> s : steps.entrySet()) {
      if (!byStep.containsKey(s.getKey())) {
        violations.add("step " + s.getKey() + " (" + s.getValue().name() + ") is journaled "
            + s.getValue().status() + " but no body of it ever ran");
      }
    }
    int bodyRuns = (int) log.stream().filter(l -> l.kind() == Kind.B).count();
    return new Report(bodyRuns, duplicates, interrupted, steps.size(), violations);
  }

  private static void checkAgainstRecord(String key, Operation op, List<Line> lines, List<String> violations) {
    if (op.status() != OperationStatus.SUCCEEDED) {
      violations.add("step " + key + " (" + op.name() + ") ended " + op.status() + ", not SUCCEEDED");
      return;
    }
    Instant succeeded = op.endTimestamp();
    if (succeeded == null) {
      violations.add("step " + key + " (" + op.name() + ") is SUCCEEDED without an end timestamp");
      return;
    }
    Instant recorded = succeeded.truncatedTo(ChronoUnit.MILLIS);
    for (Line l : lines) {
      if (l.kind() == Kind.B && l.at().truncatedTo(ChronoUnit.MILLIS).isAfter(recorded)) {
        violations.add("step " + key + " (" + op.name() + ") ran again after it was recorded SUCCEEDED at "
            + succeeded + ": " + l);
      }
    }
    String result = op.stepDetails() == null ? null : op.stepDetails().result();
    boolean returned = lines.stream().anyMatch(l -> l.kind() == Kind.E && l.result().equals(result));
    if (!returned) {
      violations.add("step " + key + " (" + op.name() + ") is journaled with result " + result
          + ", which no body returned: " + lines);
    }
  }
}
