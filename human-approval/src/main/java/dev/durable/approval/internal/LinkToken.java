package dev.durable.approval.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What a signed link or button carries. Binding execution, callback and request hash means a token
 * decides exactly one approval of one run, for the request the approver was shown.
 *
 * @param executionArn the run
 * @param callbackId the approval's callback
 * @param requestHash {@code ApprovalRequest.requestHash()} of the request that was sent
 * @param subject the approver the link was mailed to; empty for Slack buttons (Slack names the user)
 * @param expiresAt epoch second after which the token is refused
 * @param nonce random, so two tokens for the same approval differ
 */
public record LinkToken(
    @JsonProperty("x") String executionArn,
    @JsonProperty("c") String callbackId,
    @JsonProperty("h") String requestHash,
    @JsonProperty("s") String subject,
    @JsonProperty("e") long expiresAt,
    @JsonProperty("n") String nonce) {

  public boolean expired(Instant now) {
    return now.getEpochSecond() >= expiresAt;
  }
}
