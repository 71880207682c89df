package dev.durable.core.internal;

/**
 * Unwinds workflow threads when the invocation suspends or ends. An {@link Error} without a stack
 * trace, so {@code catch (Exception e)} in user code cannot swallow it; code that catches
 * {@code Throwable} must rethrow it (the engine detects when it does not).
 */
public final class SuspendSignal extends Error {
  static final SuspendSignal INSTANCE = new SuspendSignal();

  private SuspendSignal() {
    super("durable execution suspended; this signal must propagate (rethrow it if you catch Throwable)",
        null, false, false);
  }

  /** True if {@code t} or one of its causes is the suspension signal. */
  static boolean isIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SuspendSignal) {
        return true;
      }
    }
    return false;
  }
}
