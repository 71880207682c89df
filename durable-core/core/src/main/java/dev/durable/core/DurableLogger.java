package dev.durable.core;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * A logger that stays silent while the workflow replays, so each message appears once per run, not
 * once per invocation. Messages use SLF4J's {@code {}} placeholders.
 */
public final class DurableLogger {
  private final Logger delegate;
  private final BooleanSupplier replaying;

  /** Wraps {@code delegate}; messages are dropped while {@code replaying} is true. */
  public DurableLogger(Logger delegate, BooleanSupplier replaying) {
    this.delegate = delegate;
    this.replaying = replaying;
  }

  /** Logs at INFO unless replaying. */
  public void info(String format, Object... args) {
    if (!replaying.getAsBoolean()) {
      delegate.info(format, args);
    }
  }

  /** Logs at WARN unless replaying. */
  public void warn(String format, Object... args) {
    if (!replaying.getAsBoolean()) {
      delegate.warn(format, args);
    }
  }

  /** Logs at ERROR unless replaying. */
  public void error(String format, Object... args) {
    if (!replaying.getAsBoolean()) {
      delegate.error(format, args);
    }
  }

  /** Logs at DEBUG unless replaying. */
  public void debug(String format, Object... args) {
    if (!replaying.getAsBoolean()) {
      delegate.debug(format, args);
    }
  }

  /** The underlying SLF4J logger (logs even while replaying). */
  public Logger delegate() {
    return delegate;
  }
}
