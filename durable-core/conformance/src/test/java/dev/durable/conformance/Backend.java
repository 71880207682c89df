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
   * Starts {@code handler} as {@code start} says, drives it (skipping time) until it ends or waits
   * for nothing the case will do, and returns what the service recorded.
   */
  Outcome run(CaseHandler handler, Start start);

  /**
   * How a case starts and what happens to it from outside.
   *
   * @param inputJson the execution's input
   * @param actions the case's callback actions, variables already substituted
   * @param skipTime false to stop once nothing is due now (the case observed a run mid-flight)
   * @param synchronous start with a RequestResponse Invoke (the caller waits for the result)
   *     rather than an Event Invoke
   */
  record Start(String inputJson, List<ConformanceCase.CallbackAction> actions, boolean skipTime,
      boolean synchronous) {}

  /**
   * What the service recorded.
   *
   * @param status the execution status (RUNNING if it still waits)
   * @param result the result payload, or null
   * @param error the execution's error as JSON, or null
   * @param history every history event, ExecutionStarted first
   * @param answer the synchronous Invoke's answer, or null if the run was started asynchronously
   */
  record Outcome(String status, String result, String error, List<ObservedEvent> history,
      InvokeAnswer answer) {}

  /**
   * What a RequestResponse Invoke answered: the payload, and the function-error marker when the
   * execution did not succeed.
   */
  record InvokeAnswer(String payload, String functionError) {}
}
