package dev.durable.local.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Terminal formatting: times in UTC, short durations, truncated values. */
final class Format {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private Format() {}

  static String dateTime(Instant t) {
    return t == null ? "-" : DATE_TIME.format(t);
  }

  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  /** 850 ms, 2.1 s, 5m 02s, 3h 04m, 2d 05h. */
  static String duration(Instant start, Instant end) {
    return start == null || end == null ? "-" : duration(Duration.between(start, end));
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
  }

  /** One line, at most {@code max} characters, with an ellipsis when cut. */
  static String truncate(String s, int max) {
    if (s == null) {
      return "";
    }
    String line = s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }
}
