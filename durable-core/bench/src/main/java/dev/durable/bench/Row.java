package dev.durable.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One result line: {@code <id> <name> ratio=<r> target<=<t> PASS|FAIL key=value ...}. The first five
 * whitespace-separated fields are fixed, so scripts can split on whitespace; the measured absolute
 * numbers follow as {@code key=value} pairs.
 *
 * @param id the target id, e.g. {@code T2}
 * @param name a short name of what is measured, e.g. {@code step-cpu}
 * @param ratio measured / reference; NaN when the run failed
 * @param target the largest ratio that passes
 * @param measurements absolute numbers, in print order
 */
public record Row(String id, String name, double ratio, double target, Map<String, String> measurements) {

  /** The printed form, as a regular expression (used by the smoke test and by scripts). */
  public static final Pattern FORMAT = Pattern.compile(
      "^(\\S+) +(\\S+) +ratio=(\\S+) +target<=(\\d+(?:\\.\\d+)?) +(PASS|FAIL)( +\\S+=\\S+)*$");

  /** Copies the measurements, keeping their order. */
  public Row {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
  }

  /** A row for a benchmark that threw instead of measuring. */
  public static Row error(String id, String name, double target, Throwable error) {
    String message = String.valueOf(error.getMessage()).replaceAll("\\s+", "_");
    if (message.length() > 160) {
      message = message.substring(0, 160) + "...";
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("error", error.getClass().getSimpleName() + ":" + message);
    return new Row(id, name, Double.NaN, target, m);
  }

  /** True when the ratio is a finite number within the target. */
  public boolean pass() {
    return Double.isFinite(ratio) && ratio > 0 && ratio <= target;
  }

  /** The line as printed. */
  public String format() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %-9s ratio=%-5s target<=%.1f %s",
        id, name, Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "NaN", target,
        pass() ? "PASS" : "FAIL"));
    for (Map.Entry<String, String> e : measurements.entrySet()) {
      sb.append(' ').append(e.getKey()).append('=').append(e.getValue().replaceAll("\\s+", "_"));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
