package dev.durable.core.model;

/** What one invocation of a durable handler reports back to the service. */
public enum InvocationStatus {
  /** The handler returned; the execution is complete. */
  SUCCEEDED,
  /** The handler threw; the execution failed terminally. */
  FAILED,
  /** The handler is waiting for a timer, a retry, a callback or an invoke; re-invoke later. */
  PENDING
}
