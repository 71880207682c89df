package dev.durable.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a human is asked to approve. {@link #hash()} binds a decision to the exact request: for a
 * tool it covers the tool name and its exact arguments, so an approval can never apply to a
 * different call.
 *
 * @param kind {@code "tool"}, {@code "budget"} or {@code "step"} (pipeline approvals)
 * @param subject a one-line summary (the tool's name, the agent's name, the pipeline question)
 * @param details the exact payload (the tool's JSON arguments, the ledger), shown to the approver
 * @param timeout how long to wait, or null for no limit
 */
public record ApprovalRequest(String kind, String subject, String details, Duration timeout) {
  public ApprovalRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    details = details == null ? "" : details;
  }

  /** A request to run tool {@code toolName} with {@code argumentsJson}. */
  public static ApprovalRequest forTool(String toolName, String argumentsJson, Duration timeout) {
    return new ApprovalRequest("tool", toolName, argumentsJson, timeout);
  }

  /** SHA-256 (hex) of kind, subject and details. */
  public String hash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {kind, subject, details}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
