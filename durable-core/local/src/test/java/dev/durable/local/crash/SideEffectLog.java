package dev.durable.local.crash;

import dev.durable.core.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The side effects of the crash workflows, counted outside the journal: every step body appends a
 * line when it starts ({@code B}) and just before it returns ({@code E}, with its result), and forces
 * it to disk before going on. A line therefore survives the {@code kill -9} that follows it, which
 * is what lets the test see a body that ran again after a crash.
 *
 * <p>Line format: {@code <kind> <generation> <run> <operationId> <stepName> <attempt> <epochMicros>
 * [<result>]}.
 */
public final class SideEffectLog {
  /** The kind of line. */
  public enum Kind {
    /** The body started. */
    B,
    /** The body is about to return its result. */
    E
  }

  /**
   * One parsed line.
   *
   * @param kind begin or end
   * @param generation the child process that wrote it (0-based, one per start of the worker)
   * @param run the run (execution) name
   * @param operationId the step's operation id in the journal
   * @param step the step's name
   * @param attempt the 1-based attempt
   * @param at when it was written, to the microsecond
   * @param result the body's result, for {@code E} lines
   */
  public record Line(Kind kind, int generation, String run, String operationId, String step, int attempt,
      Instant at, String result) {

    /** (run, operation id): identifies one step in one run. */
    public String stepKey() {
      return run + "/" + operationId;
    }
  }

  private static final SideEffectLog NONE = new SideEffectLog(null, -1);

  private final FileChannel channel;
  private final int generation;

  private SideEffectLog(FileChannel channel, int generation) {
    this.channel = channel;
    this.generation = generation;
  }

  /** A log that records nothing (the uncrashed reference run). */
  public static SideEffectLog none() {
    return NONE;
  }

  /** Appends to {@code file}, tagging lines with {@code generation}. */
  public static SideEffectLog append(Path file, int generation) throws IOException {
    return new SideEffectLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND), generation);
  }

  /** Records that a body started. */
  public void begin(String run, StepContext s) {
    write(Kind.B, run, s, null);
  }

  /** Records that a body is about to return {@code result}. */
  public void end(String run, StepContext s, Object result) {
    write(Kind.E, run, s, String.valueOf(result));
  }

  private void write(Kind kind, String run, StepContext s, String result) {
    if (channel == null) {
      return;
    }
    Instant now = Instant.now();
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    String line = kind + " " + generation + " " + run + " " + s.operationId() + " " + s.name() + " "
        + s.attempt() + " " + micros + (result == null ? "" : " " + result) + "\n";
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    // one write call per line and one lock for the process: lines of concurrent bodies never interleave
    synchronized (this) {
      try {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the side-effect log", e);
      }
    }
  }

  /** Parses every line of {@code file}; a malformed line fails, since a torn line would be a bug. */
  public static List<Line> read(Path file) throws IOException {
    List<Line> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    int n = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String[] f = raw.split(" ");
      if (f.length < 7 || f.length > 8) {
        throw new IllegalStateException("side-effect log line " + n + " is malformed: '" + raw + "'");
      }
      long micros = Long.parseLong(f[6]);
      Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
      lines.add(new Line(Kind.valueOf(f[0]), Integer.parseInt(f[1]), f[2], f[3], f[4], Integer.parseInt(f[5]),
          at, f.length == 8 ? f[7] : null));
    }
    return lines;
  }
}
