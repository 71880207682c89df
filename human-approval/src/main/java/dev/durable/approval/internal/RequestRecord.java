package dev.durable.approval.internal;

import dev.durable.approval.ApprovalMessage;
import dev.durable.approval.ApprovalRequest;
import java.time.Instant;

/**
 * The journaled result of a round's {@code request} step: the request exactly as asked, its hash
 * and deadline. The endpoint reads it from the journal to show the page and check tokens.
 */
public record RequestRecord(ApprovalRequest request, String requestHash, ApprovalMessage.Kind kind,
    Instant askedAt, Instant deadline) {

  /** Name of the step that journals this record. */
  public static final String STEP = "request";
  /** Name of the callback in the same round. */
  public static final String CALLBACK = "decision";
}
