package dev.durable.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress messages on stderr, so that stdout carries only the table. Messages are held back
 * during the first second of a suite: short runs stay silent, long ones report each phase.
 */
public final class Progress {
  private static final long QUIET_NANOS = 1_000_000_000L;

  private final PrintStream out;
  private String suite = "";
  private long suiteStart = System.nanoTime();

  private Progress(PrintStream out) {
    this.out = out;
  }

  /** Progress on {@code System.err}. */
  public static Progress stderr() {
    return new Progress(System.err);
  }

  /** No progress output at all (tests). */
  public static Progress silent() {
    return new Progress(null);
  }

  /** Marks the start of a suite; later messages carry its id and elapsed time. */
  public void startSuite(String id) {
    suite = id;
    suiteStart = System.nanoTime();
  }

  /** Reports a phase, e.g. {@code "timed run 3/7"}, once the suite has run for over a second. */
  public void phase(String message) {
    long elapsed = System.nanoTime() - suiteStart;
    if (out == null || elapsed < QUIET_NANOS) {
      return;
    }
    out.printf(Locale.ROOT, "[%s %5.1fs] %s%n", suite, elapsed / 1e9, message);
    out.flush();
  }
}
