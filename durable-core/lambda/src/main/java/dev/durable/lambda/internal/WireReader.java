package dev.durable.lambda.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.lambda.LambdaEnvelopeException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the wire's PascalCase operations from a JSON tree, strictly: a field of the wrong JSON
 * type, an unknown type or status, or an unreadable timestamp is an error that names the field's
 * path, the value and what was expected. Unknown fields are ignored (the service may add some).
 *
 * <p>Timestamps are read leniently, as the reference asks (§2.1): epoch milliseconds (the event's
 * format), epoch seconds with a fraction (the REST API's), ISO-8601, or the Java SDK's
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSSXXX}.
 */
public final class WireReader {
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]XXX");
  /** Integers above this are epoch milliseconds, below it epoch seconds (year 2286 in seconds). */
  private static final long MILLIS_THRESHOLD = 10_000_000_000L;

  private WireReader() {}

  /** The operations of {@code node} (a JSON array), each checked. */
  public static List<Operation> operations(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw bad(path, node, "a JSON array of operations");
    }
    if (!node.isArray()) {
      throw bad(path, node, "a JSON array of operations");
    }
    List<Operation> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(operation(node.get(i), path + '[' + i + ']'));
    }
    return out;
  }

  /** One operation; {@code Id}, {@code Type}, {@code Status} are required. */
  public static Operation operation(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw bad(path, n, "a JSON object (an Operation)");
    }
    String id = requiredText(n, "Id", path);
    OperationType type = enumValue(OperationType.class, requiredText(n, "Type", path), path + ".Type");
    OperationStatus status =
        enumValue(OperationStatus.class, requiredText(n, "Status", path), path + ".Status");
    JsonNode ed = object(n, "ExecutionDetails", path);
    JsonNode cd = object(n, "ContextDetails", path);
    JsonNode sd = object(n, "StepDetails", path);
    JsonNode wd = object(n, "WaitDetails", path);
    JsonNode bd = object(n, "CallbackDetails", path);
    JsonNode id2 = object(n, "ChainedInvokeDetails", path);
    return new Operation(id, text(n, "ParentId", path), text(n, "Name", path), type,
        text(n, "SubType", path), status, timestamp(n, "StartTimestamp", path),
        timestamp(n, "EndTimestamp", path),
        ed == null ? null : new OperationDetails.Execution(text(ed, "InputPayload", path + ".ExecutionDetails")),
        cd == null ? null : new OperationDetails.Context(bool(cd, "ReplayChildren", path + ".ContextDetails"),
            text(cd, "Result", path + ".ContextDetails"), error(cd.get("Error"), path + ".ContextDetails.Error")),
        sd == null ? null : new OperationDetails.Step(integer(sd, "Attempt", path + ".StepDetails", 0),
            timestamp(sd, "NextAttemptTimestamp", path + ".StepDetails"), text(sd, "Result", path + ".StepDetails"),
            error(sd.get("Error"), path + ".StepDetails.Error")),
        wd == null ? null : new OperationDetails.Wait(timestamp(wd, "ScheduledEndTimestamp", path + ".WaitDetails")),
        bd == null ? null : new OperationDetails.Callback(text(bd, "CallbackId", path + ".CallbackDetails"),
            text(bd, "Result", path + ".CallbackDetails"), error(bd.get("Error"), path + ".CallbackDetails.Error")),
        id2 == null ? null : new OperationDetails.ChainedInvoke(text(id2, "Result", path + ".ChainedInvokeDetails"),
            error(id2.get("Error"), path + ".ChainedInvokeDetails.Error")));
  }

  /** An ErrorObject, or null when absent. */
  public static ErrorObject error(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw bad(path, n, "a JSON object (an ErrorObject)");
    }
    List<String> trace = null;
    JsonNode st = n.get("StackTrace");
    if (st != null && !st.isNull()) {
      if (!st.isArray()) {
        throw bad(path + ".StackTrace", st, "a JSON array of strings");
      }
      trace = new ArrayList<>();
      for (int i = 0; i < st.size(); i++) {
        if (!st.get(i).isTextual()) {
          throw bad(path + ".StackTrace[" + i + ']', st.get(i), "a string");
        }
        trace.add(st.get(i).asText());
      }
    }
    return new ErrorObject(text(n, "ErrorType", path), text(n, "ErrorMessage", path),
        text(n, "ErrorData", path), trace);
  }

  /** A required string member. */
  public static String requiredText(JsonNode n, String field, String path) {
    String s = text(n, field, path);
    if (s == null || s.isEmpty()) {
      throw new LambdaEnvelopeException(join(path, field) + " is missing; it is required"
          + (path.isEmpty() ? " in a durable-execution event." : " in every operation."));
    }
    return s;
  }

  /** An optional string member. */
  public static String text(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad(join(path, field), v, "a string");
    }
    return v.asText();
  }

  private static JsonNode object(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw bad(join(path, field), v, "a JSON object");
    }
    return v;
  }

  private static Boolean bool(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw bad(join(path, field), v, "true or false");
    }
    return v.asBoolean();
  }

  private static int integer(JsonNode n, String field, String path, int absent) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw bad(join(path, field), v, "an integer");
    }
    return v.asInt();
  }

  /** A lenient timestamp member (see the class comment), null when absent. */
  public static Instant timestamp(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String where = join(path, field);
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return fromEpochNumber(v.asLong());
    }
    if (v.isFloatingPointNumber()) {
      BigDecimal seconds = v.decimalValue();
      return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.matches("-?\\d{1,19}")) {
        return fromEpochNumber(Long.parseLong(s));
      }
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // try the other textual forms
      }
      try {
        return OffsetDateTime.parse(s, SPACED).toInstant();
      } catch (DateTimeParseException e) {
        // fall through
      }
      try {
        return LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    throw bad(where, v, "a timestamp (epoch milliseconds, e.g. 1767225600000, or ISO-8601)");
  }

  private static Instant fromEpochNumber(long l) {
    return l >= MILLIS_THRESHOLD || l <= -MILLIS_THRESHOLD ? Instant.ofEpochMilli(l) : Instant.ofEpochSecond(l);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new LambdaEnvelopeException(path + " is '" + value + "', which is not a known "
          + type.getSimpleName() + "; expected one of " + Arrays.toString(type.getEnumConstants())
          + ". The event may come from a newer service version than this adapter supports.");
    }
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + '.' + field;
  }

  static LambdaEnvelopeException bad(String where, JsonNode value, String expected) {
    String shown = value == null ? "missing" : abbreviate(value.toString());
    return new LambdaEnvelopeException(where + " is " + shown + "; expected " + expected + '.');
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
