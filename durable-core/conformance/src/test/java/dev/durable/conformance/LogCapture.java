package dev.durable.conformance;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects what the handlers log while a case runs. The test logger (slf4j-simple) writes each
 * line to whatever {@code System.err} is at that moment, so a tee on it sees the lines of every
 * thread — handler threads inside the emulator included — while they still reach the console.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  LogCapture() {
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (captured) {
          captured.write(b, off, len);
        }
        original.write(b, off, len);
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** The captured lines. */
  List<String> lines() {
    synchronized (captured) {
      return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
    }
  }

  /** How many captured lines contain a match of {@code regex}. */
  long count(String regex) {
    Pattern p = Pattern.compile(regex);
    return lines().stream().filter(l -> p.matcher(l).find()).count();
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }
}
