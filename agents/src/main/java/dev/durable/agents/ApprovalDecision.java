package dev.durable.agents;

/**
 * How an approval ended: approved, rejected, or no answer in time. Journaled like any other result,
 * so replay sees the same decision.
 */
public sealed interface ApprovalDecision {
  /** True only for {@link Approved}. */
  default boolean approved() {
    return this instanceof Approved;
  }

  /** A short description for the model or a log, e.g. {@code rejected by ann: too large}. */
  String describe();

  /**
   * Approved.
   *
   * @param approver who approved
   * @param comment their comment, or null
   */
  record Approved(String approver, String comment) implements ApprovalDecision {
    @Override
    public String describe() {
      return "approved by " + approver + (comment == null || comment.isBlank() ? "" : ": " + comment);
    }
  }

  /**
   * Rejected.
   *
   * @param approver who rejected
   * @param comment their reason, or null
   */
  record Rejected(String approver, String comment) implements ApprovalDecision {
    @Override
    public String describe() {
      return "rejected by " + approver + (comment == null || comment.isBlank() ? "" : ": " + comment);
    }
  }

  /** Nobody decided before the timeout. */
  record TimedOut() implements ApprovalDecision {
    @Override
    public String describe() {
      return "not decided before the approval timed out";
    }
  }
}
