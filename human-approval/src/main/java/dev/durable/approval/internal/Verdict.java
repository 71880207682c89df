package dev.durable.approval.internal;

import dev.durable.approval.Decision;
import java.time.Instant;

/**
 * The callback result the endpoint sends: flat, so it reads the same from any language.
 *
 * @param outcome APPROVED or REJECTED
 * @param approver who decided
 * @param comment optional comment
 * @param at when (the endpoint's clock)
 * @param channel web or slack
 * @param requestHash the hash of the request that was decided
 */
public record Verdict(String outcome, String approver, String comment, Instant at, String channel,
    String requestHash) {

  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  public Decision toDecision() {
    return APPROVED.equals(outcome)
        ? new Decision.Approved(approver, comment, at, channel)
        : new Decision.Rejected(approver, comment, at, channel);
  }
}
