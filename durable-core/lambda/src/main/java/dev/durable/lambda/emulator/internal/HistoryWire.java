package dev.durable.lambda.emulator.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.lambda.internal.WireWriter;
import java.time.Instant;

/**
 * Writes history events in the shape of {@code GetDurableExecutionHistory} (reference §2.8): the
 * common members plus one {@code <EventType>Details} member whose content depends on the type.
 * Payloads appear as {@code {Payload, Truncated}} and errors as {@code {Payload: ErrorObject,
 * Truncated}}; with {@code IncludeExecutionData=false} payloads are left out.
 */
final class HistoryWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private HistoryWire() {}

  /**
   * One event.
   *
   * @param childArn for ChainedInvokeStarted: the execution started for the invoke, or null
   */
  static ObjectNode event(HistoryEvent e, boolean includeData, String childArn) {
    ObjectNode n = F.objectNode();
    n.put("EventType", e.eventType());
    WireWriter.put(n, "SubType", e.subType());
    n.put("EventId", e.eventId());
    WireWriter.put(n, "Id", e.id());
    WireWriter.put(n, "Name", e.name());
    time(n, "EventTimestamp", e.timestamp());
    WireWriter.put(n, "ParentId", e.parentId());
    ObjectNode d = n.putObject(e.eventType() + "Details");
    switch (e.eventType()) {
      case "ExecutionStarted" -> {
        payload(d, "Input", e.payload(), includeData);
        if (e.timeoutSeconds() != null) {
          d.put("ExecutionTimeout", e.timeoutSeconds());
        }
      }
      case "ExecutionSucceeded", "ContextSucceeded", "ChainedInvokeSucceeded", "CallbackSucceeded" ->
          payload(d, "Result", e.payload(), includeData);
      case "StepSucceeded" -> {
        payload(d, "Result", e.payload(), includeData);
        retry(d, e);
      }
      case "StepFailed" -> {
        error(d, e.error(), includeData);
        retry(d, e);
      }
      case "WaitStarted" -> {
        if (e.durationSeconds() != null) {
          d.put("Duration", e.durationSeconds());
        }
        time(d, "ScheduledEndTimestamp", e.scheduledEnd());
      }
      case "WaitSucceeded" -> {
        if (e.durationSeconds() != null) {
          d.put("Duration", e.durationSeconds());
        }
      }
      case "ChainedInvokeStarted" -> {
        WireWriter.put(d, "FunctionName", e.functionName());
        payload(d, "Input", e.payload(), includeData);
        if (childArn != null) {
          d.put("ExecutedVersion", "$LATEST"); // the emulator runs every function unversioned
          d.put("DurableExecutionArn", childArn);
        }
      }
      case "CallbackStarted" -> {
        WireWriter.put(d, "CallbackId", e.callbackId());
        if (e.heartbeatTimeoutSeconds() != null) {
          d.put("HeartbeatTimeout", e.heartbeatTimeoutSeconds());
        }
        if (e.timeoutSeconds() != null) {
          d.put("Timeout", e.timeoutSeconds());
        }
      }
      case "InvocationCompleted" -> {
        time(d, "StartTimestamp", e.invocationStart());
        time(d, "EndTimestamp", e.timestamp());
        error(d, e.error(), includeData);
      }
      default -> error(d, e.error(), includeData); // the *Failed, *TimedOut, *Stopped, *Cancelled events
    }
    return n;
  }

  private static void payload(ObjectNode d, String field, String payload, boolean includeData) {
    if (payload == null || !includeData) {
      return;
    }
    ObjectNode p = d.putObject(field);
    p.put("Payload", payload);
    p.put("Truncated", false);
  }

  private static void error(ObjectNode d, ErrorObject error, boolean includeData) {
    if (error == null) {
      return;
    }
    ObjectNode p = d.putObject("Error");
    if (includeData) {
      p.set("Payload", WireWriter.error(error));
    }
    p.put("Truncated", false);
  }

  private static void retry(ObjectNode d, HistoryEvent e) {
    if (e.attempt() == null && e.nextAttemptDelaySeconds() == null) {
      return;
    }
    ObjectNode r = d.putObject("RetryDetails");
    if (e.attempt() != null) {
      r.put("CurrentAttempt", e.attempt());
    }
    if (e.nextAttemptDelaySeconds() != null) {
      r.put("NextAttemptDelaySeconds", e.nextAttemptDelaySeconds());
    }
  }

  private static void time(ObjectNode n, String field, Instant t) {
    WireWriter.time(n, field, t, WireWriter.Time.EPOCH_SECONDS);
  }
}
