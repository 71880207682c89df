package dev.durable.lambda.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Writes operations and errors as the wire's PascalCase JSON. Timestamps differ by channel: the
 * invocation event carries epoch milliseconds (reference §2.1), the REST API epoch seconds with a
 * fraction (the AWS rest-json default, which the SDK's unmarshaller reads).
 */
public final class WireWriter {
  /** How timestamps are written. */
  public enum Time {
    /** Integer epoch milliseconds: the Lambda invocation event. */
    EPOCH_MILLIS,
    /** Decimal epoch seconds: the REST API responses. */
    EPOCH_SECONDS
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private WireWriter() {}

  /** A JSON array of operations. */
  public static ArrayNode operations(List<Operation> ops, Time time) {
    ArrayNode a = F.arrayNode(ops.size());
    for (Operation op : ops) {
      a.add(operation(op, time));
    }
    return a;
  }

  /** One operation, null members left out. */
  public static ObjectNode operation(Operation op, Time time) {
    ObjectNode n = F.objectNode();
    n.put("Id", op.id());
    put(n, "ParentId", op.parentId());
    put(n, "Name", op.name());
    n.put("Type", op.type().name());
    put(n, "SubType", op.subType());
    time(n, "StartTimestamp", op.startTimestamp(), time);
    time(n, "EndTimestamp", op.endTimestamp(), time);
    n.put("Status", op.status().name());
    if (op.executionDetails() != null) {
      put(n.putObject("ExecutionDetails"), "InputPayload", op.executionDetails().inputPayload());
    }
    OperationDetails.Context c = op.contextDetails();
    if (c != null) {
      ObjectNode d = n.putObject("ContextDetails");
      if (c.replayChildren() != null) {
        d.put("ReplayChildren", c.replayChildren());
      }
      put(d, "Result", c.result());
      error(d, "Error", c.error());
    }
    OperationDetails.Step s = op.stepDetails();
    if (s != null) {
      ObjectNode d = n.putObject("StepDetails");
      d.put("Attempt", s.attempt());
      time(d, "NextAttemptTimestamp", s.nextAttemptTimestamp(), time);
      put(d, "Result", s.result());
      error(d, "Error", s.error());
    }
    if (op.waitDetails() != null) {
      time(n.putObject("WaitDetails"), "ScheduledEndTimestamp",
          op.waitDetails().scheduledEndTimestamp(), time);
    }
    OperationDetails.Callback b = op.callbackDetails();
    if (b != null) {
      ObjectNode d = n.putObject("CallbackDetails");
      put(d, "CallbackId", b.callbackId());
      put(d, "Result", b.result());
      error(d, "Error", b.error());
    }
    OperationDetails.ChainedInvoke i = op.chainedInvokeDetails();
    if (i != null) {
      ObjectNode d = n.putObject("ChainedInvokeDetails");
      put(d, "Result", i.result());
      error(d, "Error", i.error());
    }
    return n;
  }

  /** An ErrorObject as a JSON object. */
  public static ObjectNode error(ErrorObject e) {
    ObjectNode n = F.objectNode();
    put(n, "ErrorType", e.errorType());
    put(n, "ErrorMessage", e.errorMessage());
    put(n, "ErrorData", e.errorData());
    if (e.stackTrace() != null) {
      ArrayNode a = n.putArray("StackTrace");
      e.stackTrace().forEach(a::add);
    }
    return n;
  }

  /** Sets {@code field} to the error, if there is one. */
  public static void error(ObjectNode n, String field, ErrorObject e) {
    if (e != null) {
      n.set(field, error(e));
    }
  }

  /** Sets {@code field} to {@code value} unless it is null. */
  public static void put(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  /** Sets {@code field} to the timestamp in the channel's format, unless it is null. */
  public static void time(ObjectNode n, String field, Instant t, Time time) {
    if (t == null) {
      return;
    }
    if (time == Time.EPOCH_MILLIS) {
      n.put(field, t.toEpochMilli());
    } else {
      n.put(field, BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3));
    }
  }
}
