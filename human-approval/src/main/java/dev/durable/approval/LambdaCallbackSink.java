package dev.durable.approval;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventResult;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The {@link CallbackSink} for workflows deployed as Lambda durable functions: reads the run's
 * history ({@code GetDurableExecutionHistory} with execution data) and decides with
 * {@code SendDurableExecutionCallbackSuccess}. Needs {@code software.amazon.awssdk:lambda} (an
 * optional dependency of this module) and IAM permission for both actions on the function.
 *
 * <pre>{@code
 * LambdaClient lambda = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
 * CallbackSink sink = new LambdaCallbackSink(lambda);
 * }</pre>
 */
public final class LambdaCallbackSink implements CallbackSink {
  private final LambdaClient lambda;

  public LambdaCallbackSink(LambdaClient lambda) {
    this.lambda = java.util.Objects.requireNonNull(lambda, "lambda");
  }

  @Override
  public List<Operation> operations(String executionArn) {
    Map<String, Operation> ops = new LinkedHashMap<>();
    String marker = null;
    try {
      do {
        String m = marker;
        GetDurableExecutionHistoryResponse page = lambda.getDurableExecutionHistory(b -> b
            .durableExecutionArn(executionArn).includeExecutionData(true).marker(m));
        for (Event e : page.events()) {
          apply(ops, e);
        }
        marker = page.nextMarker();
      } while (marker != null && !marker.isEmpty());
    } catch (ResourceNotFoundException unknownRun) {
      return List.of();
    }
    return new ArrayList<>(ops.values());
  }

  @Override
  public void succeed(String callbackId, String resultJson) {
    lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId).result(SdkBytes.fromUtf8String(resultJson)));
  }

  /** Folds one history event into the operation it belongs to; only what the endpoint reads. */
  private static void apply(Map<String, Operation> ops, Event e) {
    if (e.eventType() == null || e.id() == null) {
      return;
    }
    String type = e.eventType().toString();
    Operation prev = ops.get(e.id());
    switch (type) {
      case "ExecutionStarted" -> ops.put(e.id(), op(e, OperationType.EXECUTION, OperationStatus.STARTED, null, null));
      case "ExecutionSucceeded" -> status(ops, prev, OperationStatus.SUCCEEDED, e);
      case "ExecutionFailed" -> status(ops, prev, OperationStatus.FAILED, e);
      case "ExecutionTimedOut" -> status(ops, prev, OperationStatus.TIMED_OUT, e);
      case "ExecutionStopped" -> status(ops, prev, OperationStatus.STOPPED, e);
      case "StepSucceeded" -> {
        String result = payload(e.stepSucceededDetails() == null ? null : e.stepSucceededDetails().result());
        ops.put(e.id(), op(e, OperationType.STEP, OperationStatus.SUCCEEDED,
            new OperationDetails.Step(1, null, result, null), null));
      }
      case "CallbackStarted" -> ops.put(e.id(), op(e, OperationType.CALLBACK, OperationStatus.STARTED, null,
          new OperationDetails.Callback(e.callbackStartedDetails().callbackId(), null, null)));
      case "CallbackSucceeded" -> {
        if (prev != null) {
          String result = payload(e.callbackSucceededDetails() == null ? null : e.callbackSucceededDetails().result());
          ops.put(e.id(), prev.withStatus(OperationStatus.SUCCEEDED, e.eventTimestamp())
              .withCallbackDetails(new OperationDetails.Callback(prev.callbackDetails().callbackId(), result, null)));
        }
      }
      case "CallbackFailed" -> status(ops, prev, OperationStatus.FAILED, e);
      case "CallbackTimedOut" -> status(ops, prev, OperationStatus.TIMED_OUT, e);
      default -> { }
    }
  }

  private static void status(Map<String, Operation> ops, Operation prev, OperationStatus s, Event e) {
    if (prev != null) {
      ops.put(e.id(), prev.withStatus(s, e.eventTimestamp()));
    }
  }

  private static Operation op(Event e, OperationType type, OperationStatus status, OperationDetails.Step step,
      OperationDetails.Callback callback) {
    return new Operation(e.id(), e.parentId(), e.name(), type, e.subType(), status, e.eventTimestamp(), null,
        null, null, step, null, callback, null);
  }

  /** A truncated payload is unusable: the endpoint then reports the approval as unknown. */
  private static String payload(EventResult r) {
    return r == null || Boolean.TRUE.equals(r.truncated()) ? null : r.payload();
  }
}
