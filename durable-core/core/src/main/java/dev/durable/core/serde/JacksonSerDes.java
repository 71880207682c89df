package dev.durable.core.serde;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.durable.core.SerializationException;
import dev.durable.core.TypeToken;
import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jackson-based {@link SerDes}: JSR-310 types as ISO strings, unknown properties ignored (so adding
 * a field to a record does not break runs in flight), records and beans as JSON objects.
 *
 * <pre>{@code
 * SerDes serdes = JacksonSerDes.create();
 * String json = serdes.serialize(new Order("o-1", 42));
 * Order back = serdes.deserialize(json, TypeToken.of(Order.class));
 * }</pre>
 */
public final class JacksonSerDes implements SerDes {
  private static final JacksonSerDes DEFAULT = new JacksonSerDes(defaultMapper());

  private final ObjectMapper mapper;
  // a reader per type: resolving the type and building the reader's config per call cost a replay
  private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  private JacksonSerDes(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The shared default instance. */
  public static JacksonSerDes create() {
    return DEFAULT;
  }

  /** A SerDes over a caller-configured mapper (register your modules on it first). */
  public static JacksonSerDes using(ObjectMapper mapper) {
    return new JacksonSerDes(mapper);
  }

  /** The mapper configuration used by default. */
  public static ObjectMapper defaultMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(FastInstants.module()) // after JavaTimeModule: it wraps that module's Instant reader
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
  }

  @Override
  public String serialize(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (Exception e) {
      String type = value == null ? "null" : value.getClass().getName();
      throw new SerializationException(
          "cannot serialize a value of type " + type + " to JSON: " + rootMessage(e)
              + ". Make it a public record or bean Jackson can write, or pass a custom SerDes.",
          e);
    }
  }

  @Override
  public <T> T deserialize(String data, TypeToken<T> type) {
    if (data == null) {
      return null;
    }
    try {
      ObjectReader reader = readers.get(type.type());
      if (reader == null) {
        JavaType javaType = mapper.getTypeFactory().constructType(type.type());
        reader = readers.computeIfAbsent(type.type(), t -> mapper.readerFor(javaType));
      }
      return reader.readValue(data);
    } catch (Exception e) {
      throw new SerializationException(
          "cannot deserialize JSON into " + type + ": " + rootMessage(e)
              + ". Check that the type has a constructor Jackson can use (records work as they are)"
              + " and that it matches what the journal recorded.",
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    if (msg == null) {
      return t.getClass().getSimpleName();
    }
    int nl = msg.indexOf('\n');
    return nl > 0 ? msg.substring(0, nl) : msg;
  }
}
