package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import java.util.List;

/**
 * The service limits of reference §2.10 and the byte counting they need. Sizes are UTF-8 bytes,
 * because that is what the service measures on the wire, not Java chars.
 */
final class Limits {
  /** Largest payload of one operation update (the SDKs switch to ReplayChildren above it). */
  static final int MAX_OPERATION_PAYLOAD_BYTES = 262_144;
  /** Largest sum of payload and error bytes in one checkpoint request (the SDKs' 750 KB cap). */
  static final int MAX_BATCH_BYTES = 768_000;
  /** An error object must serialize to fewer bytes than this (emulator rule). */
  static final int MAX_ERROR_BYTES = 32_768;
  /** Most operations one execution may hold. */
  static final int MAX_OPERATIONS = 25_000;
  /** Largest EXECUTION result/input payload (Smithy model: 6 MB strings). */
  static final int MAX_EXECUTION_PAYLOAD_BYTES = 6_291_456;
  /** Largest result of SendDurableExecutionCallbackSuccess. */
  static final int MAX_CALLBACK_RESULT_BYTES = 262_144;
  /** Range of WaitSeconds, NextAttemptDelaySeconds and ExecutionTimeout (366 days). */
  static final int MAX_DURATION_SECONDS = 31_622_400;

  private Limits() {}

  /** UTF-8 length of {@code s} without encoding it; 0 for null. */
  static int utf8Length(String s) {
    return dev.durable.core.internal.Utf8.length(s);
  }

  /**
   * Bytes of {@code error} serialized as the wire's PascalCase JSON (null members omitted). Counted
   * by hand so that the hot path does not need an ObjectMapper; 0 for null.
   */
  static int errorJsonBytes(ErrorObject error) {
    if (error == null) {
      return 0;
    }
    int n = 2; // braces
    int members = 0;
    if (error.errorType() != null) {
      n += member("ErrorType", members++) + jsonStringBytes(error.errorType());
    }
    if (error.errorMessage() != null) {
      n += member("ErrorMessage", members++) + jsonStringBytes(error.errorMessage());
    }
    if (error.errorData() != null) {
      n += member("ErrorData", members++) + jsonStringBytes(error.errorData());
    }
    List<String> trace = error.stackTrace();
    if (trace != null) {
      n += member("StackTrace", members) + 2 + Math.max(0, trace.size() - 1);
      for (String frame : trace) {
        n += frame == null ? 4 : jsonStringBytes(frame);
      }
    }
    return n;
  }

  private static int member(String name, int index) {
    return (index > 0 ? 1 : 0) + name.length() + 3; // ,"Name":
  }

  private static int jsonStringBytes(String s) {
    int n = 2;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b'
          || c == '\f') {
        n += 2;
      } else if (c < 0x20) {
        n += 6;
      } else if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
