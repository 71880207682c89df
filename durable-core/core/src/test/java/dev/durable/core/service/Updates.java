package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.model.OperationUpdate.Options;

/** Short builders for operation updates, shaped like the Java SDK's (sub-types included). */
final class Updates {
  private Updates() {}

  static OperationUpdate of(String id, OperationType type, String subType, OperationAction action,
      String payload, ErrorObject error, Options options) {
    return new OperationUpdate(id, null, null, type, subType, action, payload, error, options);
  }

  static OperationUpdate stepStart(String id) {
    return of(id, OperationType.STEP, "Step", OperationAction.START, null, null, null);
  }

  static OperationUpdate stepSucceed(String id, String payload) {
    return of(id, OperationType.STEP, "Step", OperationAction.SUCCEED, payload, null, null);
  }

  static OperationUpdate stepFail(String id, ErrorObject error) {
    return of(id, OperationType.STEP, "Step", OperationAction.FAIL, null, error, null);
  }

  static OperationUpdate stepRetry(String id, ErrorObject error, int delaySeconds) {
    return of(id, OperationType.STEP, "Step", OperationAction.RETRY, null, error,
        Options.retryAfter(delaySeconds));
  }

  static OperationUpdate waitStart(String id, int seconds) {
    return of(id, OperationType.WAIT, "Wait", OperationAction.START, null, null,
        Options.waitFor(seconds));
  }

  static OperationUpdate waitCancel(String id) {
    return of(id, OperationType.WAIT, "Wait", OperationAction.CANCEL, null, null, null);
  }

  static OperationUpdate callbackStart(String id, int timeoutSeconds, int heartbeatSeconds) {
    return of(id, OperationType.CALLBACK, "Callback", OperationAction.START, null, null,
        Options.callback(timeoutSeconds, heartbeatSeconds));
  }

  static OperationUpdate contextStart(String id) {
    return of(id, OperationType.CONTEXT, "RunInChildContext", OperationAction.START, null, null,
        null);
  }

  static OperationUpdate contextSucceed(String id, String payload) {
    return of(id, OperationType.CONTEXT, "RunInChildContext", OperationAction.SUCCEED, payload,
        null, null);
  }

  static OperationUpdate invokeStart(String id, String functionName, String payload) {
    return of(id, OperationType.CHAINED_INVOKE, "ChainedInvoke", OperationAction.START, payload,
        null, Options.invoke(functionName, null));
  }

  static OperationUpdate invokeCancel(String id) {
    return of(id, OperationType.CHAINED_INVOKE, "ChainedInvoke", OperationAction.CANCEL, null,
        null, null);
  }

  static OperationUpdate executionSucceed(String executionId, String payload) {
    return of(executionId, OperationType.EXECUTION, null, OperationAction.SUCCEED, payload, null,
        null);
  }

  /** The same update under a parent context. */
  static OperationUpdate child(OperationUpdate u, String parentId) {
    return new OperationUpdate(u.id(), parentId, u.name(), u.type(), u.subType(), u.action(),
        u.payload(), u.error(), u.options());
  }

  /** The same update with a name. */
  static OperationUpdate named(OperationUpdate u, String name) {
    return new OperationUpdate(u.id(), u.parentId(), name, u.type(), u.subType(), u.action(),
        u.payload(), u.error(), u.options());
  }

  static ErrorObject error(String message) {
    return ErrorObject.of("TestError", message);
  }
}
