package dev.durable.core.model;

/**
 * What one invocation returns to the service (reference §2.2).
 *
 * @param status SUCCEEDED, FAILED or PENDING
 * @param result the serialized result when SUCCEEDED ({@code ""} if stored by an EXECUTION checkpoint)
 * @param error the error when FAILED
 */
public record InvocationOutput(InvocationStatus status, String result, ErrorObject error) {

  /** A successful end with the serialized result. */
  public static InvocationOutput succeeded(String result) {
    return new InvocationOutput(InvocationStatus.SUCCEEDED, result, null);
  }

  /** A terminal failure. */
  public static InvocationOutput failed(ErrorObject error) {
    return new InvocationOutput(InvocationStatus.FAILED, null, error);
  }

  /** The handler suspended: something is pending. */
  public static InvocationOutput pending() {
    return new InvocationOutput(InvocationStatus.PENDING, null, null);
  }
}
