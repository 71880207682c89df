package dev.durable.agents.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.durable.agents.AgentException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.service.output.JsonSchemas;

/** JSON schemas from Java records and strict parsing of model answers into them. */
public final class StructuredOutput {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .findAndAddModules()
      .build();

  private StructuredOutput() {}

  /** The JSON schema langchain4j derives from {@code type} (records, enums, lists, nested types). */
  public static JsonSchema schemaOf(Class<?> type) {
    return JsonSchemas.jsonSchemaFrom(type).orElseThrow(() -> new AgentException("cannot derive a JSON schema from "
        + type.getName() + "; use a record or a class with fields (String, numbers, enums, lists, nested records)"));
  }

  /** A response format asking for JSON that matches {@code schema}. */
  public static ResponseFormat format(JsonSchema schema) {
    return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build();
  }

  /** The instruction added to the prompt, for models that take no native schema. */
  public static String instruction(JsonSchema schema) {
    try {
      String json = STRICT.writeValueAsString(JsonSchemaElementUtils.toMap(schema.rootElement()));
      return "Reply with only a JSON object (no prose, no code fence) matching this JSON schema:\n" + json;
    } catch (Exception e) {
      throw new AgentException("cannot render the JSON schema " + schema.name(), e);
    }
  }

  /** Parses {@code text} strictly: every record component must be present. */
  public static <T> T parse(String text, Class<T> type) throws Exception {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the answer was empty");
    }
    return STRICT.readValue(stripFence(text.trim()), type);
  }

  private static String stripFence(String text) {
    if (!text.startsWith("```")) {
      return text;
    }
    int firstNewline = text.indexOf('\n');
    int lastFence = text.lastIndexOf("```");
    return firstNewline > 0 && lastFence > firstNewline ? text.substring(firstNewline + 1, lastFence).trim() : text;
  }
}
