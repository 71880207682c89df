package dev.durable.local.store;

import dev.durable.core.DurableException;

/**
 * The embedded store cannot be opened or used: a missing or read-only folder, a file that is not a
 * durable-local database, a database written by a newer version, a corrupt file, or an I/O error.
 * The message names the file and says what to do; the store is never left half-written.
 */
public class StoreException extends DurableException {
  /** An error with a message that names the store's path. */
  public StoreException(String message) {
    super(message);
  }

  /** An error caused by {@code cause} (typically a {@link java.sql.SQLException}). */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
