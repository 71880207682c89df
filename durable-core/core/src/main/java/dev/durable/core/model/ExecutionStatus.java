package dev.durable.core.model;

/** Status of a whole durable execution, as the control-plane APIs report it. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  STOPPED;

  /** True once the execution has ended. */
  public boolean isTerminal() {
    return this != RUNNING;
  }
}
