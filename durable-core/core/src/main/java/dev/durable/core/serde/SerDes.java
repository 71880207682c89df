package dev.durable.core.serde;

import dev.durable.core.TypeToken;

/**
 * Turns journaled values into strings and back. The default is {@link JacksonSerDes}; pass another
 * one per operation or per function for types Jackson cannot handle. Implementations throw
 * {@link dev.durable.core.SerializationException} naming the type on failure.
 */
public interface SerDes {
  /** Serializes {@code value} (may be null) to a string. */
  String serialize(Object value);

  /** Deserializes {@code data} (may be null for a null value) into {@code type}. */
  <T> T deserialize(String data, TypeToken<T> type);
}
