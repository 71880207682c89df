package dev.durable.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.durable.core.DurableException;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.service.ExecutionRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output for {@code --json} and JSON checks of user input. */
final class Json {
  private static final ObjectMapper MAPPER =
      JacksonSerDes.defaultMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static String pretty(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new DurableException("Cannot print JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The public fields of an execution row (the store's bookkeeping left out). */
  static Map<String, Object> summary(ExecutionRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("executionId", r.executionId());
    m.put("executionArn", r.executionArn());
    m.put("functionName", r.functionName());
    m.put("executionName", r.executionName());
    m.put("status", r.status());
    m.put("startTimestamp", r.startTimestamp());
    m.put("endTimestamp", r.endTimestamp());
    m.put("input", r.inputPayload());
    m.put("result", r.result());
    m.put("error", r.error());
    m.put("parentExecutionId", r.parentExecutionId());
    return m;
  }

  /** Refuses text that is not JSON, with a hint about quoting. */
  static String requireJson(String text, String what) {
    try {
      MAPPER.readTree(text);
      return text;
    } catch (JsonProcessingException e) {
      throw new DurableException(what + " is not valid JSON: " + Format.truncate(text, 40)
          + "; quote strings, e.g. '\"yes\"', or pass an object, e.g. '{\"ok\":true}'.");
    }
  }
}
