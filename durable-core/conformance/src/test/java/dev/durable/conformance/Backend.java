package dev.durable.conformance;

import java.util.List;

/**
 * Where a case runs: something that plays the durable-execution service, invokes the handler the
 * way Lambda would, performs the case's callback actions and reads the history back.
 */
interface Backend {

  /** A short name for reports. */
  String name();

  /**
   * Starts {@code handler} with {@code inputJson}, drives it (skipping time) until it ends or waits
   * for nothing the case will do, and returns what the service recorded.
   *
   * @param actions the case's callback actions, variables already substituted
   * @param skipTime false to stop once nothing is due now (the case observed a run mid-flight)
   */
  Outcome run(CaseHandler handler, String inputJson, List<ConformanceCase.CallbackAction> actions,
      boolean skipTime);

  /**
   * What the service recorded.
   *
   * @param status the execution status (RUNNING if it still waits)
   * @param result the result payload, or null
   * @param error the execution's error as JSON, or null
   * @param history every history event, ExecutionStarted first
   */
  record Outcome(String status, String result, String error, List<ObservedEvent> history) {}
}
