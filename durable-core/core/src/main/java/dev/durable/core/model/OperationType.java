package dev.durable.core.model;

/** Kind of a journaled operation, exactly as the Lambda durable-execution service names them. */
public enum OperationType {
  EXECUTION,
  CONTEXT,
  STEP,
  WAIT,
  CALLBACK,
  CHAINED_INVOKE
}
