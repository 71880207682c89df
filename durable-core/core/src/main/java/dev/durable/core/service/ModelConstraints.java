package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.OperationUpdate;

/**
 * The constraints the service's API model puts on each update by itself (reference §2.3, §2.4):
 * identifier patterns, name and sub-type lengths, option ranges. Checked for every update of a
 * batch before any rule that depends on the execution's state.
 */
final class ModelConstraints {
  private ModelConstraints() {}

  /** Throws if update number {@code n} (1-based) breaks a model constraint. */
  static void check(OperationUpdate u, int n) {
    if (u == null) {
      throw invalid("Update " + n + " is null.");
    }
    if (!Ids.isIdentifier(u.id(), 64)) {
      throw invalid("Invalid operation Id '" + u.id() + "' in update " + n
          + ": an Id is 1 to 64 characters of [a-zA-Z0-9_-].");
    }
    if (u.type() == null || u.action() == null) {
      throw invalid("Update " + n + " (operation '" + u.id() + "') needs a Type and an Action.");
    }
    if (u.parentId() != null && !Ids.isIdentifier(u.parentId(), 64)) {
      throw invalid("Invalid ParentId '" + u.parentId() + "' in update " + n
          + ": a ParentId is 1 to 64 characters of [a-zA-Z0-9_-].");
    }
    if (u.name() != null && !Ids.isPrintableName(u.name())) {
      throw invalid("Invalid Name in update " + n + " (operation '" + u.id()
          + "'): a name is 1 to 256 printable ASCII characters.");
    }
    if (u.subType() != null && !Ids.isIdentifier(u.subType(), 32)) {
      throw invalid("Invalid SubType '" + u.subType() + "' in update " + n + " (operation '"
          + u.id() + "'): a sub-type is 1 to 32 characters of [a-zA-Z0-9_-].");
    }
    OperationUpdate.Options o = u.options();
    if (o == null) {
      return;
    }
    checkRange("WaitOptions.WaitSeconds", o.waitSeconds(), u, n);
    checkRange("StepOptions.NextAttemptDelaySeconds", o.nextAttemptDelaySeconds(), u, n);
    checkNotNegative("CallbackOptions.TimeoutSeconds", o.callbackTimeoutSeconds(), u, n);
    checkNotNegative("CallbackOptions.HeartbeatTimeoutSeconds",
        o.callbackHeartbeatTimeoutSeconds(), u, n);
    if (o.functionName() != null && o.functionName().isBlank()) {
      throw invalid("ChainedInvokeOptions.FunctionName must not be blank (update " + n
          + ", operation '" + u.id() + "').");
    }
  }

  private static void checkRange(String field, Integer value, OperationUpdate u, int n) {
    if (value != null && (value < 1 || value > Limits.MAX_DURATION_SECONDS)) {
      throw invalid(field + " must be between 1 and " + Limits.MAX_DURATION_SECONDS
          + " (update " + n + ", operation '" + u.id() + "': " + value + ").");
    }
  }

  private static void checkNotNegative(String field, Integer value, OperationUpdate u, int n) {
    if (value != null && value < 0) {
      throw invalid(field + " must not be negative (update " + n + ", operation '" + u.id()
          + "': " + value + ").");
    }
  }
}
