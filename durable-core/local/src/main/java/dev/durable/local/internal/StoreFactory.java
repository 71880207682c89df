package dev.durable.local.internal;

import dev.durable.core.DurableException;
import dev.durable.core.service.ExecutionStore;
import dev.durable.local.Durability;
import dev.durable.local.LeaseStore;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * Opens the SQLite store for {@code LocalRuntime.builder().storePath(..)}.
 *
 * <p>Why reflection: the SQLite store ({@code dev.durable.local.store.SqliteExecutionStore}) is
 * built on another branch; this seam lets the runtime compile and be tested without it. At merge,
 * replace the body with {@code return SqliteExecutionStore.open(file, durability);}.
 */
public final class StoreFactory {
  static final String SQLITE_STORE = "dev.durable.local.store.SqliteExecutionStore";

  private StoreFactory() {}

  /** Opens (creating if needed) the store file; the result is both store and lease table. */
  public static ExecutionStore open(Path file, Durability durability) {
    Class<?> type;
    try {
      type = Class.forName(SQLITE_STORE);
    } catch (ClassNotFoundException e) {
      throw new DurableException("SQLite store not available in this build (" + SQLITE_STORE
          + " is missing), so --store/storePath(" + file + ") cannot be opened; pass a store"
          + " instance with LocalRuntime.builder().store(store, leases) instead.");
    }
    try {
      Object store = type.getMethod("open", Path.class, Durability.class).invoke(null, file, durability);
      if (!(store instanceof ExecutionStore) || !(store instanceof LeaseStore)) {
        throw new DurableException(SQLITE_STORE + ".open did not return an ExecutionStore and LeaseStore");
      }
      return (ExecutionStore) store;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re; // the store's own clear message (missing folder, not a database, newer schema …)
      }
      throw new DurableException("Cannot open the store " + file + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new DurableException("Cannot open the store " + file + ": " + e, e);
    }
  }
}
