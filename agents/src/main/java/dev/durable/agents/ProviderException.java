package dev.durable.agents;

import java.time.Duration;

/**
 * A model provider refused or failed a call. Retryable failures (throttling, HTTP 429, 5xx, timeouts)
 * become durable step retries that honour {@link #retryAfter()}; the others (authentication, bad
 * request, unknown model) fail the step at once, because retrying cannot fix them.
 */
public class ProviderException extends AgentException {
  private final boolean retryable;
  private final transient Duration retryAfter;
  private final int statusCode;

  public ProviderException(String message, boolean retryable, Duration retryAfter, int statusCode,
      Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.statusCode = statusCode;
  }

  /** True if a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** How long the provider asked us to wait (its Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The HTTP status, or 0 when unknown. */
  public int statusCode() {
    return statusCode;
  }
}
