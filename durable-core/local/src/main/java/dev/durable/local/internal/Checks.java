package dev.durable.local.internal;

import dev.durable.core.IllegalDurableOperationException;
import java.time.Duration;

/** Argument checks whose messages name the value and the fix. */
public final class Checks {
  private Checks() {}

  /** Refuses null. */
  public static <T> T notNull(T value, String what, String fix) {
    if (value == null) {
      throw new IllegalDurableOperationException(what + " must not be null: " + fix + '.');
    }
    return value;
  }

  /** Refuses null, empty and blank strings. */
  public static String notBlank(String value, String what, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalDurableOperationException(what + " must not be blank (got "
          + (value == null ? "null" : "'" + value + "'") + "); pass e.g. " + example + '.');
    }
    return value;
  }

  /** Refuses null, zero and negative durations. */
  public static Duration positive(Duration value, String what, String example) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalDurableOperationException(what + " must be a positive duration (got " + value
          + "); pass e.g. " + example + '.');
    }
    return value;
  }

  /** Refuses an input that is not an instance of the function's input type. */
  public static void inputFits(FunctionRegistry.Entry<?, ?> fn, Object input) {
    java.lang.reflect.Type t = fn.in().type();
    Class<?> raw = t instanceof Class<?> c ? c
        : t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    if (input == null || raw == null) {
      return;
    }
    Class<?> boxed = raw.isPrimitive() ? java.lang.invoke.MethodType.methodType(raw).wrap().returnType() : raw;
    if (!boxed.isInstance(input)) {
      throw new IllegalDurableOperationException("Function '" + fn.name() + "' takes " + raw.getName()
          + " but the input is a " + input.getClass().getName() + "; pass a " + raw.getSimpleName()
          + " (or use startJson with its JSON form).");
    }
  }
}
