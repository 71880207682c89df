package dev.durable.core.model;

/** Status of a journaled operation (reference §2.3). */
public enum OperationStatus {
  STARTED,
  PENDING,
  READY,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT,
  STOPPED;

  /** True once the operation can no longer change: its result or error is final. */
  public boolean isTerminal() {
    return switch (this) {
      case SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, STOPPED -> true;
      default -> false;
    };
  }
}
