package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.serde.JacksonSerDes;

/**
 * Shapes the service's {@link HistoryEvent}s into the wire's per-type details objects (reference
 * §2.8: {@code Result{Payload}}, {@code Error{Payload:ErrorObject}}, {@code RetryDetails} …), the
 * form the requirement cases state their expectations in.
 */
final class WireEvents {
  private static final ObjectMapper JSON = JacksonSerDes.defaultMapper();

  private WireEvents() {}

  static ObservedEvent of(HistoryEvent e) {
    ObjectNode d = JSON.createObjectNode();
    String type = e.eventType();
    if (type.endsWith("Succeeded")) {
      if (e.payload() != null) {
        d.putObject("Result").put("Payload", e.payload()).put("Truncated", false);
      }
    } else if (type.endsWith("Failed") || type.endsWith("TimedOut") || type.endsWith("Stopped")
        || type.endsWith("Cancelled")) {
      error(d, e.error());
    }
    switch (type) {
      case "ExecutionStarted" -> {
        if (e.payload() != null) {
          d.putObject("Input").put("Payload", e.payload()).put("Truncated", false);
        }
        putInt(d, "ExecutionTimeout", e.timeoutSeconds());
      }
      case "StepSucceeded", "StepFailed" -> {
        if (e.attempt() != null) {
          ObjectNode retry = d.putObject("RetryDetails");
          retry.put("CurrentAttempt", e.attempt());
          putInt(retry, "NextAttemptDelaySeconds", e.nextAttemptDelaySeconds());
        }
      }
      case "WaitStarted", "WaitSucceeded" -> {
        putInt(d, "Duration", e.durationSeconds());
        if (e.scheduledEnd() != null) {
          d.put("ScheduledEndTimestamp", e.scheduledEnd().toString());
        }
      }
      case "CallbackStarted" -> {
        d.put("CallbackId", e.callbackId());
        putInt(d, "Timeout", e.timeoutSeconds());
        putInt(d, "HeartbeatTimeout", e.heartbeatTimeoutSeconds());
      }
      case "ChainedInvokeStarted" -> {
        d.put("FunctionName", e.functionName());
        if (e.durableExecutionArn() != null) {
          d.put("DurableExecutionArn", e.durableExecutionArn());
        }
        if (e.executedVersion() != null) {
          d.put("ExecutedVersion", e.executedVersion());
        }
        if (e.payload() != null) {
          d.putObject("Input").put("Payload", e.payload()).put("Truncated", false);
        }
      }
      case "InvocationCompleted" -> {
        if (e.invocationStart() != null) {
          d.put("StartTimestamp", e.invocationStart().toString());
        }
        if (e.timestamp() != null) {
          d.put("EndTimestamp", e.timestamp().toString());
        }
        error(d, e.error());
      }
      default -> { }
    }
    return new ObservedEvent(e.eventId(), type, e.subType(), e.id(), e.parentId(), e.name(), d);
  }

  private static void error(ObjectNode d, ErrorObject error) {
    if (error != null) {
      ObjectNode wrapper = d.putObject("Error");
      wrapper.set("Payload", JSON.valueToTree(error));
      wrapper.put("Truncated", false);
    }
  }

  private static void putInt(ObjectNode d, String field, Integer value) {
    if (value != null) {
      d.put(field, value);
    }
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      return null;
    }
  }
}
