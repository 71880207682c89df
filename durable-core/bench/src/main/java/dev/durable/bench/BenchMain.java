package dev.durable.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Command-line entry of the ratio benchmarks: {@code java -jar durable-bench.jar [options] [SUITE...]}.
 * Prints a header and one row per target on stdout (see {@link Row} for the format), progress on
 * stderr, and exits 0 when every target passes, 1 when any fails, 2 on a usage error.
 */
public final class BenchMain {
  private BenchMain() {}

  /** Runs the benchmarks named in {@code args} (all when none) and exits with the result. */
  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Everything {@link #main} does except exiting; returns the exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    Set<Suite> suites = new LinkedHashSet<>();
    BenchConfig config = BenchConfig.standard();
    boolean quiet = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "-h", "--help" -> {
            out.print(usage());
            return 0;
          }
          case "-q", "--quiet" -> quiet = true;
          case "--steps" -> config = config.withSteps(intArg(args, ++i, a));
          case "--warmup" -> config = config.withWarmupRuns(intArg(args, ++i, a));
          case "--runs" -> config = config.withTimedRuns(intArg(args, ++i, a));
          case "--timeout" -> config = config.withTimeoutSeconds(intArg(args, ++i, a));
          default -> {
            if (a.equalsIgnoreCase("all")) {
              suites.addAll(List.of(Suite.values()));
              continue;
            }
            Optional<Suite> suite = Suite.byId(a);
            if (suite.isEmpty()) {
              throw new IllegalArgumentException("unknown suite or option '" + a + "'");
            }
            suites.add(suite.get());
          }
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("durable-bench: " + e.getMessage() + " (try --help)");
      return 2;
    }
    if (suites.isEmpty()) {
      suites.addAll(List.of(Suite.values()));
    }
    out.println(Table.header(config));
    out.flush();
    List<Row> rows = run(new ArrayList<>(suites), config, quiet ? Progress.silent() : Progress.stderr(),
        row -> {
          out.println(row.format());
          out.flush();
        });
    return rows.stream().allMatch(Row::pass) ? 0 : 1;
  }

  /** Runs {@code suites} in order; every suite yields exactly one row. */
  public static List<Row> run(List<Suite> suites, BenchConfig config, Progress progress) {
    return run(suites, config, progress, row -> { });
  }

  /** Runs {@code suites} in order, handing each row to {@code onRow} as soon as it is measured. */
  public static List<Row> run(List<Suite> suites, BenchConfig config, Progress progress, Consumer<Row> onRow) {
    List<Row> rows = new ArrayList<>();
    for (Suite suite : suites) {
      Row row = suite.run(config, progress);
      onRow.accept(row);
      rows.add(row);
    }
    return rows;
  }

  private static int intArg(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a number");
    }
    try {
      return Integer.parseInt(args[i]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not '" + args[i] + "'");
    }
  }

  /** The {@code --help} text. */
  static String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: java -jar durable-bench.jar [options] [SUITE...]\n\n")
        .append("Runs the ratio benchmarks of the durable-execution engine (all suites when none is named)\n")
        .append("and prints one row per target on stdout:\n")
        .append("  <id> <name> ratio=<measured/reference> target<=<max> PASS|FAIL <key>=<value>...\n")
        .append("Lines starting with '#' are headers. Progress goes to stderr.\n\n")
        .append("suites:\n");
    for (Suite s : Suite.values()) {
      sb.append(String.format("  %-8s %s%n", s.id(), s.description()));
    }
    BenchConfig d = BenchConfig.standard();
    sb.append("\noptions:\n")
        .append("  --steps N    steps per run (default ").append(d.steps()).append(")\n")
        .append("  --warmup N   untimed warm-up runs (default ").append(d.warmupRuns())
        .append("; T9 warms with ").append(CallbackResumeBench.WARMUPS_PER_RUN)
        .append("x as many resumes)\n")
        .append("  --runs N     timed runs; rows report medians (default ").append(d.timedRuns()).append(")\n")
        .append("  --timeout S  seconds one suite may take before it counts as hung and FAILs (default ")
        .append(d.timeoutSeconds()).append(")\n")
        .append("  -q, --quiet  no progress on stderr\n")
        .append("  -h, --help   this text\n\n")
        .append("exit status: 0 when every target PASSes, 1 when any target FAILs (or a benchmark\n")
        .append("errors), 2 on a usage error.\n");
    return sb.toString();
  }
}
