package dev.durable.core;

/**
 * A value could not be serialized for the journal or deserialized from it. The message names the
 * operation and the Java type. Recovery: make the type Jackson-friendly (public record or bean,
 * a no-arg constructor or {@code @JsonCreator}), or pass a custom {@link dev.durable.core.serde.SerDes}.
 */
public class SerializationException extends DurableException {
  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
