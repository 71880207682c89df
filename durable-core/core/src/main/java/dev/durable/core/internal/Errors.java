package dev.durable.core.internal;

import dev.durable.core.CallbackFailedException;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.ChildContextFailedException;
import dev.durable.core.DurableOperationException;
import dev.durable.core.InvokeFailedException;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepInterruptedException;
import dev.durable.core.WaitForConditionFailedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.serde.JacksonSerDes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Conversions between exceptions and journaled {@link ErrorObject}s. */
final class Errors {
  /** Stay well under the service's 32 KB error limit. */
  private static final int MAX_MESSAGE_CHARS = 8_000;
  private static final int MAX_FRAMES = 20;

  private static final Map<String, BiFunction<String, ErrorObject, DurableOperationException>> KNOWN =
      Map.of(
          StepFailedException.class.getName(), StepFailedException::new,
          StepInterruptedException.class.getName(), StepInterruptedException::new,
          CallbackFailedException.class.getName(), CallbackFailedException::new,
          CallbackTimeoutException.class.getName(), CallbackTimeoutException::new,
          ChildContextFailedException.class.getName(), ChildContextFailedException::new,
          InvokeFailedException.class.getName(), InvokeFailedException::new,
          WaitForConditionFailedException.class.getName(), WaitForConditionFailedException::new);

  private static final ObjectMapper MAPPER = JacksonSerDes.defaultMapper();

  private Errors() {}

  static ErrorObject toError(Throwable t) {
    if (t instanceof DurableOperationException d && KNOWN.containsKey(t.getClass().getName())) {
      // name the durable exception so replay rebuilds it, and keep the underlying error as its data
      return new ErrorObject(t.getClass().getName(), truncate(t.getMessage()), encode(d.error()), null);
    }
    List<String> frames = new ArrayList<>();
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < Math.min(MAX_FRAMES, trace.length); i++) {
      StackTraceElement e = trace[i];
      frames.add(e.getClassName() + "|" + e.getMethodName() + "|" + e.getFileName() + "|" + e.getLineNumber());
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new ErrorObject(t.getClass().getName(), truncate(message), null, frames.isEmpty() ? null : frames);
  }

  /**
   * The exception to throw for a journaled failure: the library's own operation exceptions are
   * rebuilt with their type, anything else becomes {@code fallback}, so the first run and every
   * replay throw the same.
   */
  static DurableOperationException toException(
      ErrorObject error, String message, BiFunction<String, ErrorObject, DurableOperationException> fallback) {
    BiFunction<String, ErrorObject, DurableOperationException> known =
        error == null ? null : KNOWN.get(error.errorType());
    if (known != null) {
      ErrorObject underlying = decode(error.errorData());
      return known.apply(error.errorMessage(), underlying != null ? underlying : error);
    }
    return fallback.apply(message, error);
  }

  private static String encode(ErrorObject error) {
    if (error == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(error);
    } catch (Exception e) {
      return null;
    }
  }

  private static ErrorObject decode(String data) {
    if (data == null || !data.startsWith("{")) {
      return null;
    }
    try {
      return MAPPER.readValue(data, ErrorObject.class);
    } catch (Exception e) {
      return null;
    }
  }

  static String describe(ErrorObject error) {
    if (error == null) {
      return "unknown error";
    }
    return error.errorType() + ": " + error.errorMessage();
  }

  static int size(ErrorObject error) {
    if (error == null) {
      return 0;
    }
    int n = utf8(error.errorType()) + utf8(error.errorMessage()) + utf8(error.errorData());
    if (error.stackTrace() != null) {
      for (String f : error.stackTrace()) {
        n += utf8(f) + 3;
      }
    }
    return n;
  }

  static int utf8(String s) {
    return Utf8.length(s);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
