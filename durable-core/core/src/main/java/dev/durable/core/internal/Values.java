package dev.durable.core.internal;

import dev.durable.core.SerializationException;
import dev.durable.core.TypeToken;
import dev.durable.core.serde.SerDes;

/** Serialization with messages that name the operation and the type. */
final class Values {
  private Values() {}

  static SerDes serDes(Invocation inv, SerDes override) {
    return override != null ? override : inv.options.serDes();
  }

  static String serialize(SerDes serDes, Object value, String what) {
    try {
      return serDes.serialize(value);
    } catch (SerializationException e) {
      throw new SerializationException("cannot serialize " + what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new SerializationException("cannot serialize " + what + " (type "
          + (value == null ? "null" : value.getClass().getName()) + "): " + e, e);
    }
  }

  static <T> T deserialize(SerDes serDes, String data, TypeToken<T> type, String what) {
    try {
      return serDes.deserialize(data, type);
    } catch (SerializationException e) {
      throw new SerializationException("cannot deserialize " + what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new SerializationException("cannot deserialize " + what + " as " + type + ": " + e, e);
    }
  }
}
