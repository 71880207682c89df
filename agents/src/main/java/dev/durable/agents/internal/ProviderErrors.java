package dev.durable.agents.internal;

import dev.durable.agents.AgentException;
import dev.durable.agents.ProviderException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Sorts provider failures into "retry later" and "fail now". The provider SDKs' own retries are off,
 * so this is the only retry decision: a throttled call becomes a durable step retry (no thread held
 * while waiting), and an auth or validation error fails at once instead of burning attempts.
 */
public final class ProviderErrors {
  private static final Set<String> RETRYABLE_AWS_CODES = Set.of("ThrottlingException",
      "ServiceUnavailableException", "ModelNotReadyException", "InternalServerException",
      "ModelTimeoutException", "TooManyRequestsException");

  private ProviderErrors() {}

  /** Classifies {@code error} from model {@code modelId}; never returns null. */
  public static ProviderException classify(String modelId, Throwable error) {
    if (error instanceof ProviderException p) {
      return p;
    }
    AwsServiceException aws = find(error, AwsServiceException.class);
    if (aws != null) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      int status = aws.statusCode();
      boolean retry = status == 429 || status == 408 || status >= 500 || RETRYABLE_AWS_CODES.contains(code);
      return new ProviderException(describe(modelId, retry, code + " (HTTP " + status + "): "
          + (aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage())),
          retry, retryAfter(aws).orElse(null), status, error);
    }
    if (find(error, SdkClientException.class) != null || find(error, IOException.class) != null
        || find(error, UncheckedIOException.class) != null) {
      return new ProviderException(describe(modelId, true, "network error: " + error), true, null, 0, error);
    }
    int status = statusOf(error);
    boolean retry;
    if (error instanceof RateLimitException || error instanceof InternalServerException
        || error instanceof TimeoutException) {
      retry = true;
    } else if (error instanceof AuthenticationException || error instanceof InvalidRequestException
        || error instanceof ModelNotFoundException || error instanceof ContentFilteredException
        || error instanceof NonRetriableException) {
      retry = false;
    } else if (status > 0) {
      retry = status == 429 || status == 408 || status >= 500;
    } else {
      // an unknown error type: let the bounded durable retries have a go (RetriableException included)
      retry = error instanceof RetriableException
          || !(error instanceof IllegalArgumentException || error instanceof AgentException
              || error instanceof UnsupportedOperationException);
    }
    return new ProviderException(describe(modelId, retry, String.valueOf(error.getMessage())), retry, null,
        status, error);
  }

  private static String describe(String modelId, boolean retry, String detail) {
    return "model '" + modelId + "' " + (retry ? "is unavailable (will retry): " : "refused the call (not retried;"
        + " check credentials, region, model id and request): ") + detail;
  }

  private static int statusOf(Throwable error) {
    HttpException http = find(error, HttpException.class);
    if (http != null) {
      return http.statusCode();
    }
    if (error instanceof RateLimitException) {
      return 429;
    }
    if (error instanceof AuthenticationException) {
      return 401;
    }
    return 0;
  }

  /** The Retry-After header of an AWS error, in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(AwsServiceException aws) {
    if (aws.awsErrorDetails() == null || aws.awsErrorDetails().sdkHttpResponse() == null) {
      return Optional.empty();
    }
    return aws.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
        .flatMap(ProviderErrors::parseRetryAfter);
  }

  /**
   * Parses a Retry-After value given in seconds. The HTTP-date form is ignored (it would need the
   * wall clock, and providers throttling model calls send seconds); the backoff applies instead.
   */
  public static Optional<Duration> parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      return Optional.empty();
    }
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
