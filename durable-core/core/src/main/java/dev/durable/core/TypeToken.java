package dev.durable.core;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * Captures a generic type for (de)serializing journaled values, e.g.
 * {@code new TypeToken<List<Order>>() {}}. Use {@link #of(Class)} for plain classes.
 *
 * @param <T> the captured type
 */
public abstract class TypeToken<T> {
  private final Type type;

  /** Subclass anonymously to capture the type argument. */
  protected TypeToken() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p)) {
      throw new IllegalDurableOperationException(
          "TypeToken must be created with a type argument, e.g. new TypeToken<List<String>>() {}");
    }
    this.type = p.getActualTypeArguments()[0];
  }

  private TypeToken(Type type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A token for a plain class. */
  public static <T> TypeToken<T> of(Class<T> type) {
    return new TypeToken<>(type) {};
  }

  /** A token for {@code raw<args...>}, built at run time (e.g. a list of a caller-given type). */
  public static <T> TypeToken<T> parameterized(Class<?> raw, Type... args) {
    return new TypeToken<>(new Parameterized(raw, args)) {};
  }

  /** The captured type. */
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return type.getTypeName();
  }

  private record Parameterized(Class<?> raw, Type[] args) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }

    @Override
    public String getTypeName() {
      return raw.getTypeName()
          + Arrays.stream(args).map(Type::getTypeName).toList().toString().replace('[', '<').replace(']', '>');
    }
  }
}
