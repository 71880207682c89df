package dev.durable.approval;

import dev.durable.core.DurableException;

/**
 * Root of the approval module's exceptions: bad configuration (short signing keys, malformed
 * requests) and notification failures. Subclasses say more.
 */
public class ApprovalException extends DurableException {
  public ApprovalException(String message) {
    super(message);
  }

  public ApprovalException(String message, Throwable cause) {
    super(message, cause);
  }
}
