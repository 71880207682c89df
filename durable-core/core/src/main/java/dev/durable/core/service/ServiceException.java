package dev.durable.core.service;

import dev.durable.core.DurableException;

/**
 * An error answered by a durable-execution service, with the service's error code (e.g.
 * {@code InvalidParameterValueException}, {@code ResourceNotFoundException},
 * {@code CallbackTimeoutException}, {@code TooManyRequestsException}, {@code ServiceException}).
 *
 * <p>{@link #isRetryable()} follows reference §2.11: throttling, 5xx and a stale checkpoint token are
 * retryable (the invocation is retried); other 4xx are terminal.
 */
public class ServiceException extends DurableException {
  /** Code of a request the service rejected as invalid. */
  public static final String INVALID_PARAMETER = "InvalidParameterValueException";
  /** Code for an unknown execution or callback. */
  public static final String NOT_FOUND = "ResourceNotFoundException";
  /** Code for a callback that already timed out. */
  public static final String CALLBACK_TIMEOUT = "CallbackTimeoutException";
  /** Code for throttling. */
  public static final String TOO_MANY_REQUESTS = "TooManyRequestsException";
  /** Code for a service-side fault. */
  public static final String SERVICE_FAULT = "ServiceException";
  /** Code for starting an execution whose name is taken with another input. */
  public static final String ALREADY_STARTED = "DurableExecutionAlreadyStartedException";

  private final String code;
  private final int httpStatus;

  public ServiceException(String code, int httpStatus, String message) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** A 400 {@code InvalidParameterValueException} with the service's message. */
  public static ServiceException invalid(String message) {
    return new ServiceException(INVALID_PARAMETER, 400, message);
  }

  /** A 404 {@code ResourceNotFoundException}. */
  public static ServiceException notFound(String message) {
    return new ServiceException(NOT_FOUND, 404, message);
  }

  /** The service's error code. */
  public String code() {
    return code;
  }

  /** The HTTP status the service would answer with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when retrying the invocation may succeed (throttling, 5xx, stale token). */
  public boolean isRetryable() {
    if (httpStatus == 429 || httpStatus >= 500) {
      return true;
    }
    String msg = getMessage() == null ? "" : getMessage();
    return INVALID_PARAMETER.equals(code)
        && msg.toLowerCase(java.util.Locale.ROOT).startsWith("invalid checkpoint token");
  }
}
