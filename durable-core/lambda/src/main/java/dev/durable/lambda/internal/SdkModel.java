package dev.durable.lambda.internal;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.ServiceException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.CallbackOptions;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeOptions;
import software.amazon.awssdk.services.lambda.model.ContextOptions;
import software.amazon.awssdk.services.lambda.model.StepOptions;
import software.amazon.awssdk.services.lambda.model.WaitOptions;

/**
 * Maps our model records to the AWS SDK's model classes and back. This is the only place that
 * knows both; core never sees an SDK type.
 */
public final class SdkModel {
  private SdkModel() {}

  /** Our update as the SDK's, option members only for the kind the update carries. */
  public static software.amazon.awssdk.services.lambda.model.OperationUpdate toSdk(OperationUpdate u) {
    var b = software.amazon.awssdk.services.lambda.model.OperationUpdate.builder()
        .id(u.id()).parentId(u.parentId()).name(u.name()).type(u.type().name())
        .subType(u.subType()).action(u.action().name()).payload(u.payload());
    if (u.error() != null) {
      b.error(toSdk(u.error()));
    }
    OperationUpdate.Options o = u.options();
    if (o != null) {
      if (o.replayChildren() != null) {
        b.contextOptions(ContextOptions.builder().replayChildren(o.replayChildren()).build());
      }
      if (o.nextAttemptDelaySeconds() != null) {
        b.stepOptions(StepOptions.builder().nextAttemptDelaySeconds(o.nextAttemptDelaySeconds()).build());
      }
      if (o.waitSeconds() != null) {
        b.waitOptions(WaitOptions.builder().waitSeconds(o.waitSeconds()).build());
      }
      if (o.callbackTimeoutSeconds() != null || o.callbackHeartbeatTimeoutSeconds() != null) {
        b.callbackOptions(CallbackOptions.builder().timeoutSeconds(o.callbackTimeoutSeconds())
            .heartbeatTimeoutSeconds(o.callbackHeartbeatTimeoutSeconds()).build());
      }
      if (o.functionName() != null || o.tenantId() != null) {
        b.chainedInvokeOptions(ChainedInvokeOptions.builder().functionName(o.functionName())
            .tenantId(o.tenantId()).build());
      }
    }
    return b.build();
  }

  /** Our updates as the SDK's. */
  public static List<software.amazon.awssdk.services.lambda.model.OperationUpdate> toSdk(
      List<OperationUpdate> updates) {
    List<software.amazon.awssdk.services.lambda.model.OperationUpdate> out = new ArrayList<>(updates.size());
    for (OperationUpdate u : updates) {
      out.add(toSdk(u));
    }
    return out;
  }

  /** Our error as the SDK's. */
  public static software.amazon.awssdk.services.lambda.model.ErrorObject toSdk(ErrorObject e) {
    return software.amazon.awssdk.services.lambda.model.ErrorObject.builder()
        .errorType(e.errorType()).errorMessage(e.errorMessage()).errorData(e.errorData())
        .stackTrace(e.stackTrace()).build();
  }

  /** The SDK's error as ours; null stays null. */
  public static ErrorObject fromSdk(software.amazon.awssdk.services.lambda.model.ErrorObject e) {
    if (e == null) {
      return null;
    }
    return new ErrorObject(e.errorType(), e.errorMessage(), e.errorData(),
        e.hasStackTrace() ? List.copyOf(e.stackTrace()) : null);
  }

  /** The SDK's operations as ours. */
  public static List<Operation> fromSdk(List<software.amazon.awssdk.services.lambda.model.Operation> ops) {
    List<Operation> out = new ArrayList<>(ops.size());
    for (var op : ops) {
      out.add(fromSdk(op));
    }
    return out;
  }

  /**
   * The SDK's operation as ours. A type or status this SDK version does not know is refused: the
   * engine must not guess how to replay it.
   */
  public static Operation fromSdk(software.amazon.awssdk.services.lambda.model.Operation op) {
    OperationType type = known(OperationType.class, op.typeAsString(), op.id(), "Type");
    OperationStatus status = known(OperationStatus.class, op.statusAsString(), op.id(), "Status");
    var e = op.executionDetails();
    var c = op.contextDetails();
    var s = op.stepDetails();
    var w = op.waitDetails();
    var b = op.callbackDetails();
    var i = op.chainedInvokeDetails();
    return new Operation(op.id(), op.parentId(), op.name(), type, op.subType(), status,
        op.startTimestamp(), op.endTimestamp(),
        e == null ? null : new OperationDetails.Execution(e.inputPayload()),
        c == null ? null : new OperationDetails.Context(c.replayChildren(), c.result(), fromSdk(c.error())),
        s == null ? null : new OperationDetails.Step(s.attempt() == null ? 0 : s.attempt(),
            s.nextAttemptTimestamp(), s.result(), fromSdk(s.error())),
        w == null ? null : new OperationDetails.Wait(w.scheduledEndTimestamp()),
        b == null ? null : new OperationDetails.Callback(b.callbackId(), b.result(), fromSdk(b.error())),
        i == null ? null : new OperationDetails.ChainedInvoke(i.result(), fromSdk(i.error())));
  }

  private static <E extends Enum<E>> E known(Class<E> type, String value, String id, String field) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ServiceException(ServiceException.INVALID_PARAMETER, 400, "Operation " + id + " has "
          + field + " '" + value + "', which this adapter does not know; upgrade durable-lambda.");
    }
  }
}
