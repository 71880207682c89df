package dev.durable.local.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import java.io.IOException;
import java.time.Instant;

/**
 * Maps model values to columns. Instants are epoch nanoseconds (exact, and ordered for the wake-up
 * index). An operation is split into columns, its payload (the one result or input string of its
 * type) as plain TEXT, and, only when it has more than that, the rest of its details as JSON:
 * {@link #shape} says which, so that the common operation (a finished step) decodes without
 * JSON at all and a payload is never escaped into JSON and unescaped again.
 */
final class RowCodec {
  /** The operation has no details. */
  static final int NO_DETAILS = 0;
  /** Only the details of its own type, rebuilt from payload, attempt and callback id. */
  static final int SIMPLE = 1;
  /** The details are in the JSON column (minus the payload). */
  static final int JSON = 2;

  /** The detail members of an operation, for the JSON column. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Details(OperationDetails.Execution e, OperationDetails.Context c,
      OperationDetails.Step s, OperationDetails.Wait w, OperationDetails.Callback cb,
      OperationDetails.ChainedInvoke ci) {}

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .build();
  private static final ObjectWriter WRITER = MAPPER.writer();
  private static final ObjectReader DETAILS = MAPPER.readerFor(Details.class);
  private static final ObjectReader ERROR = MAPPER.readerFor(ErrorObject.class);
  private static final ObjectReader EVENT = MAPPER.readerFor(HistoryEvent.class);
  private static final ObjectReader EVENTS = MAPPER.readerFor(HistoryEvent[].class);

  private RowCodec() {}

  static Long nanos(Instant t) {
    if (t == null) {
      return null;
    }
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("The store keeps instants between 1677 and 2262;"
          + " " + t + " is outside that range.", e);
    }
  }

  static Instant instant(long nanos, boolean wasNull) {
    return wasNull ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  /** The payload column: the input or result string of the operation's own type. */
  static String payload(Operation o) {
    return switch (o.type()) {
      case EXECUTION -> o.executionDetails() == null ? null : o.executionDetails().inputPayload();
      case CONTEXT -> o.contextDetails() == null ? null : o.contextDetails().result();
      case STEP -> o.stepDetails() == null ? null : o.stepDetails().result();
      case CALLBACK -> o.callbackDetails() == null ? null : o.callbackDetails().result();
      case CHAINED_INVOKE -> o.chainedInvokeDetails() == null ? null
          : o.chainedInvokeDetails().result();
      case WAIT -> null;
    };
  }

  static int shape(Operation o) {
    int present = count(o.executionDetails()) + count(o.contextDetails()) + count(o.stepDetails())
        + count(o.waitDetails()) + count(o.callbackDetails()) + count(o.chainedInvokeDetails());
    if (present == 0) {
      return NO_DETAILS;
    }
    boolean simple = present == 1 && switch (o.type()) {
      case EXECUTION -> o.executionDetails() != null;
      case CONTEXT -> o.contextDetails() != null && o.contextDetails().replayChildren() == null
          && o.contextDetails().error() == null;
      case STEP -> o.stepDetails() != null && o.stepDetails().nextAttemptTimestamp() == null
          && o.stepDetails().error() == null;
      case CALLBACK -> o.callbackDetails() != null && o.callbackDetails().error() == null;
      case CHAINED_INVOKE -> o.chainedInvokeDetails() != null
          && o.chainedInvokeDetails().error() == null;
      case WAIT -> false;
    };
    return simple ? SIMPLE : JSON;
  }

  /** The JSON column for shape {@link #JSON}: every detail, the payload left out. */
  static byte[] detailsJson(Operation o) {
    Operation p = withPayload(o, null);
    return write(new Details(p.executionDetails(), p.contextDetails(), p.stepDetails(),
        p.waitDetails(), p.callbackDetails(), p.chainedInvokeDetails()));
  }

  /** Rebuilds an operation from its columns. */
  static Operation operation(Operation base, int shape, int attempt, String callbackId,
      String payload, byte[] details) {
    if (shape == NO_DETAILS) {
      return base;
    }
    if (shape == SIMPLE) {
      return switch (base.type()) {
        case EXECUTION -> with(base, new OperationDetails.Execution(payload), null, null, null,
            null, null);
        case CONTEXT -> base.withContextDetails(new OperationDetails.Context(null, payload, null));
        case STEP -> base.withStepDetails(new OperationDetails.Step(attempt, null, payload, null));
        case CALLBACK -> base.withCallbackDetails(
            new OperationDetails.Callback(callbackId, payload, null));
        case CHAINED_INVOKE -> base.withChainedInvokeDetails(
            new OperationDetails.ChainedInvoke(payload, null));
        case WAIT -> base;
      };
    }
    Details d = read(DETAILS, details);
    return withPayload(with(base, d.e(), d.c(), d.s(), d.w(), d.cb(), d.ci()), payload);
  }

  private static Operation withPayload(Operation o, String p) {
    return switch (o.type()) {
      case EXECUTION -> o.executionDetails() == null ? o
          : with(o, new OperationDetails.Execution(p), o.contextDetails(), o.stepDetails(),
              o.waitDetails(), o.callbackDetails(), o.chainedInvokeDetails());
      case CONTEXT -> o.contextDetails() == null ? o : o.withContextDetails(
          new OperationDetails.Context(o.contextDetails().replayChildren(), p,
              o.contextDetails().error()));
      case STEP -> o.stepDetails() == null ? o : o.withStepDetails(new OperationDetails.Step(
          o.stepDetails().attempt(), o.stepDetails().nextAttemptTimestamp(), p,
          o.stepDetails().error()));
      case CALLBACK -> o.callbackDetails() == null ? o : o.withCallbackDetails(
          new OperationDetails.Callback(o.callbackDetails().callbackId(), p,
              o.callbackDetails().error()));
      case CHAINED_INVOKE -> o.chainedInvokeDetails() == null ? o : o.withChainedInvokeDetails(
          new OperationDetails.ChainedInvoke(p, o.chainedInvokeDetails().error()));
      case WAIT -> o;
    };
  }

  private static Operation with(Operation o, OperationDetails.Execution e,
      OperationDetails.Context c, OperationDetails.Step s, OperationDetails.Wait w,
      OperationDetails.Callback cb, OperationDetails.ChainedInvoke ci) {
    return new Operation(o.id(), o.parentId(), o.name(), o.type(), o.subType(), o.status(),
        o.startTimestamp(), o.endTimestamp(), e, c, s, w, cb, ci);
  }

  private static int count(Object details) {
    return details == null ? 0 : 1;
  }

  static String errorJson(ErrorObject e) {
    return e == null ? null : new String(write(e), java.nio.charset.StandardCharsets.UTF_8);
  }

  static ErrorObject error(String json) {
    return json == null ? null : read(ERROR, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The event with another payload (null leaves it out of the JSON). */
  static HistoryEvent withPayload(HistoryEvent e, String payload) {
    return new HistoryEvent(e.eventId(), e.eventType(), e.subType(), e.id(), e.name(),
        e.parentId(), e.timestamp(), payload, e.error(), e.attempt(), e.nextAttemptDelaySeconds(),
        e.durationSeconds(), e.scheduledEnd(), e.callbackId(), e.timeoutSeconds(),
        e.heartbeatTimeoutSeconds(), e.functionName(), e.invocationStart());
  }

  static byte[] eventJson(HistoryEvent e) {
    return write(e);
  }

  static HistoryEvent event(byte[] json) {
    return read(EVENT, json);
  }

  /** The JSON array an operation's row keeps its events in (see {@link EncodedWrite}). */
  static HistoryEvent[] events(byte[] jsonArray) {
    return read(EVENTS, jsonArray);
  }

  private static byte[] write(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName()
          + " for the store: " + e.getMessage(), e);
    }
  }

  private static <T> T read(ObjectReader reader, byte[] json) {
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new StoreException("A stored " + reader.getValueType() + " cannot be decoded (the"
          + " store file is damaged or was edited by hand): " + e.getMessage(), e);
    }
  }
}
