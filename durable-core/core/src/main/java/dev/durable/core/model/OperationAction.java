package dev.durable.core.model;

/** What an {@link OperationUpdate} asks the service to do with an operation. */
public enum OperationAction {
  START,
  SUCCEED,
  FAIL,
  RETRY,
  CANCEL
}
