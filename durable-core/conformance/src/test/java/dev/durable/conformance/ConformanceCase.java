package dev.durable.conformance;

import java.util.List;
import java.util.Map;

/**
 * One requirement case in our compact form (see {@link CaseFile}): what to start the execution
 * with, what happens from outside, and what the service must end up with.
 *
 * @param suite the suite, e.g. {@code step}
 * @param number the case number, e.g. {@code 1.11}
 * @param variables generated-string lengths by variable name
 * @param input the input as JSON (with {@code ${VAR}} references)
 * @param async the execution outlives its first invocation (callbacks, long waits)
 * @param partial only the listed events are asserted; others may appear anywhere
 * @param status the expected final execution status, or null if the case leaves it open
 * @param result the expected result as JSON, or null when not checked
 * @param actions callback completions driven from outside, in order
 * @param logs expected log lines (regex and count)
 * @param events the expected history, ExecutionStarted excluded
 */
record ConformanceCase(
    String suite,
    String number,
    Map<String, Integer> variables,
    String input,
    boolean async,
    boolean partial,
    String status,
    String result,
    List<CallbackAction> actions,
    List<ExpectedLog> logs,
    List<ExpectedEvent> events) {

  /**
   * An external callback action.
   *
   * @param operation success, failure or heartbeat
   * @param callbackName the callback's operation name, or {@code *} for the oldest open callback
   * @param delaySeconds seconds after the callback became visible (or after the previous action)
   * @param payload the JSON payload (a string payload is sent JSON-encoded), or null
   */
  record CallbackAction(String operation, String callbackName, int delaySeconds, String payload) {}

  /** A log line that must appear {@code count} times (matching {@code regex}). */
  record ExpectedLog(int count, String regex) {}

  /**
   * One expected history event.
   *
   * @param eventId its position (1 is ExecutionStarted)
   * @param type the event type
   * @param fields expected values: {@code sub}, {@code id}, {@code parent}, {@code name} and detail
   *     paths such as {@code Result.Payload}; a value is JSON, {@code *} (present) or, for ids, a
   *     placeholder name
   */
  record ExpectedEvent(int eventId, String type, Map<String, String> fields) {}

  /** "step 1.11" — how the case is named in reports. */
  String label() {
    return suite + " " + number;
  }
}
