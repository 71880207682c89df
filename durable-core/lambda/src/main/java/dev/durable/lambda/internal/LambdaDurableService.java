package dev.durable.lambda.internal;

import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService;
import dev.durable.core.service.ServiceException;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;

/**
 * The engine's {@link DurableService} over the AWS SDK: {@code CheckpointDurableExecution} and
 * {@code GetDurableExecutionState}. Service errors become {@link ServiceException}s classified as
 * in reference §2.11; network failures propagate as the SDK's exceptions, which the engine treats
 * as invocation errors (Lambda retries the invocation).
 */
public final class LambdaDurableService implements DurableService {
  private final LambdaClient client;

  public LambdaDurableService(LambdaClient client) {
    this.client = client;
  }

  @Override
  public CheckpointResult checkpoint(String executionArn, String checkpointToken,
      List<OperationUpdate> updates) {
    CheckpointDurableExecutionResponse r;
    try {
      r = client.checkpointDurableExecution(b -> b.durableExecutionArn(executionArn)
          .checkpointToken(checkpointToken).updates(SdkModel.toSdk(updates)));
    } catch (AwsServiceException e) {
      throw translate(e);
    }
    var state = r.newExecutionState();
    if (state == null) {
      return new CheckpointResult(r.checkpointToken(), List.of(), null);
    }
    return new CheckpointResult(r.checkpointToken(), SdkModel.fromSdk(state.operations()),
        blankToNull(state.nextMarker()));
  }

  @Override
  public StatePage getState(String executionArn, String checkpointToken, String marker,
      int maxItems) {
    GetDurableExecutionStateResponse r;
    try {
      r = client.getDurableExecutionState(b -> b.durableExecutionArn(executionArn)
          .checkpointToken(checkpointToken).marker(marker).maxItems(maxItems));
    } catch (AwsServiceException e) {
      throw translate(e);
    }
    return new StatePage(SdkModel.fromSdk(r.operations()), blankToNull(r.nextMarker()));
  }

  /** The SDK's service error as ours, keeping the service's code, HTTP status and message. */
  public static ServiceException translate(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return new AwsError(code == null ? "ServiceException" : code, e.statusCode(),
        message == null ? e.getMessage() : message, e);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * A service error from AWS. KMS errors come with HTTP 502 but no retry can fix a key the function
   * may not use, so they are terminal (reference §2.11).
   */
  static final class AwsError extends ServiceException {
    AwsError(String code, int status, String message, Throwable cause) {
      super(code, status, message);
      initCause(cause);
    }

    @Override
    public boolean isRetryable() {
      if (code().toUpperCase(Locale.ROOT).startsWith("KMS")) {
        return false;
      }
      return super.isRetryable();
    }
  }
}
