package dev.durable.conformance;

import java.util.Map;

/** Looks up a case's handler by suite and number. */
final class Handlers {
  private Handlers() {}

  static CaseHandler forCase(String suite, String number, Map<String, String> vars) {
    CaseHandler h = switch (suite) {
      case "step" -> StepCases.handler(number, vars);
      case "wait" -> WaitCases.handler(number, vars);
      case "callback" -> CallbackCases.handler(number, vars);
      case "child" -> ChildCases.handler(number, vars);
      case "invoke" -> InvokeCases.handler(number, vars);
      case "map" -> MapCases.handler(number, vars);
      case "parallel" -> ParallelCases.handler(number, vars);
      case "wait_for_callback" -> WaitForCallbackCases.handler(number, vars);
      case "wait_for_condition" -> WaitForConditionCases.handler(number, vars);
      default -> null;
    };
    if (h == null) {
      throw new IllegalStateException("no handler written for " + suite + " case " + number);
    }
    return h;
  }
}
