package dev.durable.local.cli;

import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import dev.durable.local.LocalRuntimeBuilder;
import java.nio.file.Path;

/**
 * How the CLI gets a runtime builder for the {@code --store} and {@code --durability} the user gave.
 * The default opens the SQLite file; tests and embedders pass one that uses another store.
 *
 * <pre>{@code
 * RuntimeFactory inMemory = (path, durability) -> LocalRuntime.builder().store(store, leases);
 * }</pre>
 */
@FunctionalInterface
public interface RuntimeFactory {
  /** The default: {@code LocalRuntime.builder().storePath(store).durability(durability)}. */
  RuntimeFactory SQLITE = (store, durability) ->
      LocalRuntime.builder().storePath(store).durability(durability);

  /** A builder for a runtime on {@code store}; the CLI adds worker settings and builds it. */
  LocalRuntimeBuilder builder(Path store, Durability durability);
}
