package dev.durable.testing;

import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.serde.SerDes;

/**
 * An operation of a test run, looked up by name: its status, attempts, result and error.
 *
 * @param operation the journaled operation
 * @param serDes the serializer used to read its result
 */
public record TestOperation(Operation operation, SerDes serDes) {

  /** The operation's name. */
  public String name() {
    return operation.name();
  }

  /** The operation's type. */
  public OperationType type() {
    return operation.type();
  }

  /** The operation's sub-type, e.g. {@code Step}. */
  public String subType() {
    return operation.subType();
  }

  /** The operation's status. */
  public OperationStatus status() {
    return operation.status();
  }

  /** Finished attempts of a step (0 for other operations). */
  public int attempts() {
    return operation.attempt();
  }

  /** The operation's id. */
  public String id() {
    return operation.id();
  }

  /** The journaled result as JSON, whatever the operation type. */
  public String resultJson() {
    Operation o = operation;
    if (o.stepDetails() != null && o.stepDetails().result() != null) {
      return o.stepDetails().result();
    }
    if (o.contextDetails() != null) {
      return o.contextDetails().result();
    }
    if (o.callbackDetails() != null) {
      return o.callbackDetails().result();
    }
    if (o.chainedInvokeDetails() != null) {
      return o.chainedInvokeDetails().result();
    }
    return null;
  }

  /** The journaled result, deserialized. */
  public <T> T result(Class<T> type) {
    return serDes.deserialize(resultJson(), TypeToken.of(type));
  }

  /** The journaled error, or null. */
  public ErrorObject error() {
    Operation o = operation;
    if (o.stepDetails() != null && o.stepDetails().error() != null) {
      return o.stepDetails().error();
    }
    if (o.contextDetails() != null && o.contextDetails().error() != null) {
      return o.contextDetails().error();
    }
    if (o.callbackDetails() != null && o.callbackDetails().error() != null) {
      return o.callbackDetails().error();
    }
    return o.chainedInvokeDetails() == null ? null : o.chainedInvokeDetails().error();
  }
}
