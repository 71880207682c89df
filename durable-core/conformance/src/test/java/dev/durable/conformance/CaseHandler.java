package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.DurableFunction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A case's handler written in our API, plus the durable functions it invokes by name. Input arrives
 * as a JSON tree (cases start with strings, numbers, lists or objects); the result is serialized by
 * the executor's Jackson SerDes.
 */
record CaseHandler(DurableFunction<JsonNode, Object> main,
    Map<String, DurableFunction<JsonNode, Object>> targets) {

  static CaseHandler of(DurableFunction<JsonNode, Object> main) {
    return new CaseHandler(main, Map.of());
  }

  /** This handler with one more function it may invoke. */
  CaseHandler with(String functionName, DurableFunction<JsonNode, Object> target) {
    Map<String, DurableFunction<JsonNode, Object>> more = new LinkedHashMap<>(targets);
    more.put(functionName, target);
    return new CaseHandler(main, Map.copyOf(more));
  }
}
