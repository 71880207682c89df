package dev.durable.local.internal;

import dev.durable.core.DurableFunction;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.TypeToken;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/** The durable functions a runtime can run, by name. Thread-safe; registration may happen any time. */
public final class FunctionRegistry {

  /**
   * One registered function.
   *
   * @param name the name executions are started under
   * @param function the workflow
   * @param in its input type
   * @param out its output type
   */
  public record Entry<I, O>(String name, DurableFunction<I, O> function, TypeToken<I> in, TypeToken<O> out) {}

  // sorted, so that error messages list the names in a stable order
  private final ConcurrentSkipListMap<String, Entry<?, ?>> entries = new ConcurrentSkipListMap<>();

  /** Registers {@code function}; refuses bad names and names already taken. */
  public <I, O> void register(String name, DurableFunction<I, O> function, TypeToken<I> in, TypeToken<O> out) {
    if (name == null || name.isBlank() || name.indexOf('/') >= 0 || name.length() > 256
        || !name.equals(name.strip())) {
      throw new IllegalDurableOperationException("Invalid function name '" + name + "': use 1 to 256"
          + " characters without '/' or surrounding spaces, e.g. \"orders\".");
    }
    Checks.notNull(function, "function", "pass the DurableFunction to run under '" + name + "'");
    Checks.notNull(in, "input type", "pass the input class, e.g. Order.class");
    Checks.notNull(out, "output type", "pass the output class, e.g. Receipt.class");
    if (entries.putIfAbsent(name, new Entry<>(name, function, in, out)) != null) {
      throw new IllegalDurableOperationException("A function named '" + name + "' is already"
          + " registered; register each name once (names are what executions are started under).");
    }
  }

  /** The function registered under {@code name}, if any. */
  public Optional<Entry<?, ?>> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(entries.get(name));
  }

  /** The function registered under {@code name}, or a clear error listing the registered names. */
  public Entry<?, ?> require(String name) {
    return find(name).orElseThrow(() -> new IllegalDurableOperationException("Unknown function '"
        + name + "': " + (entries.isEmpty() ? "no functions are registered"
            : "registered functions are " + String.join(", ", entries.keySet()))
        + ". Register it with LocalRuntime.register(name, fn, In.class, Out.class) first."));
  }

  /** The registered names, sorted. */
  public Set<String> names() {
    return entries.keySet();
  }
}
