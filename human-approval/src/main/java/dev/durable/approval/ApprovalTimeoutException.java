package dev.durable.approval;

/**
 * Nobody decided before the deadline and the request's {@link TimeoutPolicy} is
 * {@link TimeoutPolicy#fail() fail}. The timeout is journaled, so replays throw it again.
 */
public class ApprovalTimeoutException extends ApprovalException {
  private final Decision.TimedOut decision;

  public ApprovalTimeoutException(String message, Decision.TimedOut decision) {
    super(message);
    this.decision = decision;
  }

  /** The recorded timeout. */
  public Decision.TimedOut decision() {
    return decision;
  }
}
