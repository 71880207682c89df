package dev.durable.local.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.local.crash.SideEffectLog.Kind;
import dev.durable.local.crash.SideEffectLog.Line;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crash test's checker must see the violations it exists to catch; a checker that finds nothing proves nothing. */
class JournalChecksTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static Operation step(String id, String name, Instant end, String result) {
    return new Operation(id, null, name, OperationType.STEP, "Step", OperationStatus.SUCCEEDED, T, end,
        null, null, new OperationDetails.Step(1, null, result, null), null, null, null);
  }

  private static Line line(Kind kind, int gen, String id, String name, Instant at, String result) {
    return new Line(kind, gen, "run-0", id, name, 1, at, result);
  }

  @Test
  void aCleanLogPasses() {
    var journal = Map.of("run-0", List.of(step("a", "fetch", T.plusMillis(10), "7")));
    var log = List.of(line(Kind.B, 0, "a", "fetch", T, null), line(Kind.E, 0, "a", "fetch", T.plusMillis(5), "7"));

    assertThat(JournalChecks.check(journal, log).violations()).isEmpty();
  }

  @Test
  void aBodyStartedAfterItsStepWasRecordedSucceededIsCaught() {
    var journal = Map.of("run-0", List.of(step("a", "fetch", T.plusMillis(10), "7")));
    var log = List.of(line(Kind.B, 0, "a", "fetch", T, null), line(Kind.E, 0, "a", "fetch", T.plusMillis(5), "7"),
        line(Kind.B, 1, "a", "fetch", T.plusSeconds(2), null));

    assertThat(JournalChecks.check(journal, log).violations()).anyMatch(v -> v.contains("ran again after"));
  }

  @Test
  void anAtMostOnceAttemptStartedTwiceAndARepeatWithoutACrashAreCaught() {
    var journal = Map.of("run-0", List.of(step("c", "charge", T.plusMillis(10), "7")));
    var log = List.of(line(Kind.B, 0, "c", "charge", T, null), line(Kind.B, 0, "c", "charge", T.plusMillis(1), null),
        line(Kind.E, 0, "c", "charge", T.plusMillis(5), "7"));

    assertThat(JournalChecks.check(journal, log).violations())
        .anyMatch(v -> v.startsWith("at-most-once step"))
        .anyMatch(v -> v.contains("twice in one process"));
  }

  @Test
  void aResultNoBodyReturnedAndABodyOfAnUnknownStepAreCaught() {
    var journal = Map.of("run-0", List.of(step("a", "fetch", T.plusMillis(10), "8")));
    var log = List.of(line(Kind.B, 0, "a", "fetch", T, null), line(Kind.E, 0, "a", "fetch", T.plusMillis(5), "7"),
        line(Kind.B, 0, "zz", "ghost", T, null));

    assertThat(JournalChecks.check(journal, log).violations())
        .anyMatch(v -> v.contains("which no body returned"))
        .anyMatch(v -> v.contains("which the journal does not hold"));
  }
}
