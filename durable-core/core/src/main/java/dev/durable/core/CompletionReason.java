package dev.durable.core;

/** Why a batch completed. */
public enum CompletionReason {
  /** Every item ran. */
  ALL_COMPLETED,
  /** Enough items succeeded. */
  MIN_SUCCESSFUL_REACHED,
  /** More items failed than tolerated. */
  FAILURE_TOLERANCE_EXCEEDED
}
