package dev.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Small helpers shared by the conformance tests: history projections and status assertions. */
final class Histories {
  private Histories() {}

  /** Event types in order, without the leading ExecutionStarted (conformance cases start at event 2). */
  static List<String> types(TestResult<?> r) {
    return r.eventTypes().stream().filter(t -> !t.equals("ExecutionStarted")).toList();
  }

  /** Event types of one operation's events, in order. */
  static List<String> typesOf(TestResult<?> r, String operationId) {
    return r.history().stream().filter(e -> Objects.equals(e.id(), operationId)).map(HistoryEvent::eventType)
        .toList();
  }

  /** Every event of one type, in order. */
  static List<HistoryEvent> events(TestResult<?> r, String type) {
    return r.history().stream().filter(e -> e.eventType().equals(type)).toList();
  }

  /** The first event of one type. */
  static HistoryEvent first(TestResult<?> r, String type) {
    return events(r, type).stream().findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event in " + r.eventTypes()));
  }

  /** The journaled operation with this name. */
  static Operation op(TestResult<?> r, String name) {
    return r.operation(name).operation();
  }

  /** A one-line account of a run, for assertion messages. */
  static String explain(TestResult<?> r) {
    return "status=" + r.status() + " error=" + r.error() + " events=" + r.eventTypes();
  }

  static <O> TestResult<O> assertSucceeded(TestResult<O> r) {
    assertThat(r.status()).as(explain(r)).isEqualTo(ExecutionStatus.SUCCEEDED);
    return r;
  }

  static <O> TestResult<O> assertFailed(TestResult<O> r) {
    assertThat(r.status()).as(explain(r)).isEqualTo(ExecutionStatus.FAILED);
    return r;
  }

  static <O> TestResult<O> assertRunning(TestResult<O> r) {
    assertThat(r.status()).as(explain(r)).isEqualTo(ExecutionStatus.RUNNING);
    return r;
  }

  /** Whole seconds of service time between two events. */
  static long secondsBetween(HistoryEvent from, HistoryEvent to) {
    return Duration.between(from.timestamp(), to.timestamp()).getSeconds();
  }

  /** Service time from ExecutionStarted to the last event. */
  static long elapsedSeconds(TestResult<?> r) {
    return secondsBetween(r.history().get(0), r.history().get(r.history().size() - 1));
  }

  /** No operation besides the EXECUTION one is left in a non-terminal state. */
  static void assertNoOpenOperations(TestResult<?> r) {
    assertThat(r.operations())
        .filteredOn(o -> o.type() != OperationType.EXECUTION)
        .as("operations left half-written in %s", r.operations())
        .allSatisfy(o -> assertThat(o.status().isTerminal()).as(o.toString()).isTrue());
  }

  /** Lowercase hex SHA-256, the id scheme of reference §1.7. */
  static String sha256(String raw) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
