package dev.durable.approval;

import java.time.Clock;
import java.util.Objects;

/**
 * What the approval endpoint needs: the link-signing key (the same one the workflow's
 * {@link ApprovalLinks} use), where decisions go, and optionally the Slack app's signing secret.
 *
 * <pre>{@code
 * EndpointConfig config = EndpointConfig.of(key, CallbackSink.of(runtime::operations, runtime::completeCallback))
 *     .withSlackSigningSecret(System.getenv("SLACK_SIGNING_SECRET"));
 * }</pre>
 *
 * @param signingKey verifies link and button tokens
 * @param sink reads approvals from the journal and completes their callbacks
 * @param slackSigningSecret the Slack app's signing secret, or null to refuse Slack interactions
 * @param clock for token expiry and the Slack timestamp window
 */
public record EndpointConfig(SigningKey signingKey, CallbackSink sink, String slackSigningSecret, Clock clock) {
  public EndpointConfig {
    if (signingKey == null) {
      throw new ApprovalException("signingKey is missing; the endpoint refuses to start without one. "
          + "Use the same key as the workflow's ApprovalLinks (SigningKey.fromBase64(...))");
    }
    Objects.requireNonNull(sink, "sink: pass CallbackSink.of(runtime::operations, runtime::completeCallback)");
    if (slackSigningSecret != null && slackSigningSecret.trim().length() < 16) {
      throw new ApprovalException("slackSigningSecret is " + slackSigningSecret.trim().length()
          + " characters; copy the app's Signing Secret from Slack (Basic Information > App Credentials), "
          + "or leave it null to disable Slack interactions");
    }
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  /** A config without Slack, on the system clock. */
  public static EndpointConfig of(SigningKey signingKey, CallbackSink sink) {
    return new EndpointConfig(signingKey, sink, null, null);
  }

  /** A copy that accepts Slack interactions signed with {@code secret}. */
  public EndpointConfig withSlackSigningSecret(String secret) {
    return new EndpointConfig(signingKey, sink, secret, clock);
  }

  /** A copy with another clock. */
  public EndpointConfig withClock(Clock newClock) {
    return new EndpointConfig(signingKey, sink, slackSigningSecret, newClock);
  }
}
