package dev.durable.bench;

import java.io.PrintStream;
import java.util.List;

/** The header that explains the columns, and a printer for a finished table. */
public final class Table {
  private Table() {}

  /** The header lines; each starts with {@code #} so scripts can skip them. */
  public static String header(BenchConfig config) {
    return "# id     name      ratio=measured/reference target<=max-ratio verdict measurements...\n"
        + "# ratio: library cost divided by a reference (Jackson, or the disk for T1/T3) measured in the same JVM; lower is"
        + " better. Times are medians of " + config.timedRuns() + " timed runs after " + config.warmupRuns()
        + " warm-up runs, " + config.steps() + " steps per run.\n"
        + "# T2: per-step = (begin+invoke+end)/steps, in-service = its part inside checkpoint calls,"
        + " caller-cpu = CPU of the thread waiting in invoke, per step, jackson-rt = writeValueAsString+readValue of the payload. T6-mem: replay = begin+invoke of an"
        + " invocation replaying every step, decode = readValue of the same number of payloads.\n"
        + "# T1: step-p50 = p50 time from one step body's start to the next on the SQLite store (STRICT), fsync-p50 ="
        + " p50 of a 200-byte append + force(false) in the same folder (ratio = step-p50/fsync-p50), after warm-up"
        + " steps (4000 per warm-up run). T3: steps/s of"
        + " 64 concurrent runs (STRICT), raw-journal/s = 64 producers on a one-writer group-commit file journal"
        + " (ratio = raw/ours, so lower is better), sqlite-floor/s = SQLite alone committing rows of a step"
        + " result's size in transactions of writes/tx rows, cpu/step = process CPU per step over the timed rounds. T6: replay = begin+invoke of a replay loaded from SQLite,"
        + " read+decode = one SELECT of the same rows + readValue of each step payload.\n"
        + "# T9: p50 = completeCallback returning -> next step body starting (100-step history, STRICT),"
        + " from-call = the same from the call, fsync-p50 = 200-byte append + force(false) in the store's folder,"
        + " after warm-up resumes (50 per warm-up run)."
        + " T13: per-100k = heap growth after System.gc() scaled to 100,000 suspended runs (RELAXED), over 50 MB;"
        + " threads-held must be 0.\n"
        + "# T15: a fresh JVM loads the Lambda handler from the deployment jar; own-init = our classes"
        + " (dev.durable.*) loaded by its constructor, over 300; all-* counts every class from the jar"
        + " (Jackson, AWS SDK); first-invoke runs one invocation against the emulator.";
  }

  /** Prints the header, then every row. */
  public static void print(PrintStream out, BenchConfig config, List<Row> rows) {
    out.println(header(config));
    for (Row row : rows) {
      out.println(row.format());
    }
    out.flush();
  }
}
