package dev.durable.core;

/** Status of one item of a batch result. */
public enum BatchItemStatus {
  /** The item's body returned a result. */
  SUCCEEDED,
  /** The item's body threw. */
  FAILED,
  /** The item was running when the batch completed early; its outcome is not part of the result. */
  STARTED,
  /** The batch completed before the item was started. */
  SKIPPED
}
