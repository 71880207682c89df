package dev.durable.bench;

import java.util.Arrays;
import java.util.Locale;

/** Small numeric helpers: medians and human-readable durations. */
public final class Stats {
  private Stats() {}

  /** The median of {@code values} (the mean of the middle two for an even count). */
  public static double median(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2.0;
  }

  /** Formats nanoseconds with a unit that keeps 2-4 significant digits: {@code 3.14us}, {@code 82.1ms}. */
  public static String duration(double nanos) {
    if (Double.isNaN(nanos) || Double.isInfinite(nanos)) {
      return "n/a";
    }
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0fns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.2fus", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
  }
}
