package dev.durable.approval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.durable.approval.ApprovalException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** JSON and hashing shared by the operation, the notifiers and the endpoint. */
public final class Canonical {
  /** Sorted keys, ISO timestamps: the same object always gives the same bytes. */
  public static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Canonical() {}

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ApprovalException("payload cannot be written as JSON: " + e.getOriginalMessage()
          + "; pass a record, a Map or JSON text", e);
    }
  }

  public static String requireJson(String json) {
    if (json == null || json.isBlank()) {
      throw new ApprovalException("payloadJson is missing; pass the exact payload to approve, "
          + "e.g. .payload(Map.of(\"order\", 42))");
    }
    try {
      JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ApprovalException("payloadJson is not valid JSON (" + e.getOriginalMessage()
          + "); pass JSON text or use .payload(object)", e);
    }
    if (json.length() > 64 * 1024) {
      throw new ApprovalException("payloadJson is " + json.length()
          + " characters, over the limit of 65536; approve a reference to the data instead");
    }
    return json;
  }

  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Joins fields with their lengths so no two field lists give the same text. */
  public static String join(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      sb.append(f.length()).append(':').append(f).append(';');
    }
    return sb.toString();
  }
}
