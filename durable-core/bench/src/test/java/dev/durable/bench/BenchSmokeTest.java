package dev.durable.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark (the SQLite ones on a temporary file) with tiny sizes through the same code path as the command line and checks
 * the shape of the output. It does not check the PASS threshold: timings on a shared machine are
 * too noisy for a unit test.
 */
class BenchSmokeTest {
  private static final BenchConfig TINY = new BenchConfig(200, 1, 1);

  @Test
  void everySuiteYieldsAWellFormedRowWithAPositiveFiniteRatio() {
    // T15 needs the examples' deployment jar, which is built after this module; see below
    List<Suite> suites = java.util.Arrays.stream(Suite.values()).filter(s -> s != Suite.T15).toList();
    List<Row> rows = BenchMain.run(suites, TINY, Progress.silent());

    assertThat(rows).extracting(Row::id).containsExactly("T1", "T2", "T3", "T6", "T6-mem", "T9", "T13");
    Map<String, Row> byId = new HashMap<>();
    for (Row row : rows) {
      byId.put(row.id(), row);
      assertThat(row.measurements()).as(row.format()).doesNotContainKey("error");
      // T13's ratio is heap growth over its budget: 0.0 is a real measurement (no growth)
      assertThat(row.ratio()).as(row.format()).isNotNegative().isFinite();
      Matcher m = Row.FORMAT.matcher(row.format());
      assertThat(m.matches()).as(row.format()).isTrue();
      assertThat(Double.parseDouble(m.group(3))).isNotNegative().isFinite();
      assertThat(m.group(5)).isEqualTo(row.pass() ? "PASS" : "FAIL");
    }
    assertThat(byId.get("T2").measurements()).containsKeys("per-step", "jackson-rt", "steps");
    assertThat(byId.get("T2").measurements().get("steps")).isEqualTo("200");
    assertThat(byId.get("T6-mem").measurements()).containsKeys("replay", "decode", "per-op", "ops");
    assertThat(byId.get("T1").measurements()).containsKeys("step-p50", "fsync-p50", "writes/step");
    // warmed by steps, not runs: one warm-up run of the config is 4,000 steps (20 runs of 200)
    assertThat(byId.get("T1").measurements().get("warm-up")).isEqualTo("4000-steps");
    assertThat(byId.get("T3").measurements()).containsKeys("steps/s", "raw-journal/s", "writes/tx",
        "cpu/step", "cores");
    assertThat(Double.parseDouble(byId.get("T3").measurements().get("sqlite-floor/s"))).isPositive();
    assertThat(byId.get("T6").measurements()).containsKeys("replay", "read+decode", "load");
    assertThat(byId.get("T6").measurements().get("ops")).isEqualTo("200");
    assertThat(byId.get("T9").measurements()).containsKeys("p50", "from-call", "fsync-p50", "history");
    assertThat(byId.get("T13").measurements()).containsKeys("runs", "per-100k", "threads-held");
  }

  @Test
  void commandLineRunsOneSuiteAndPrintsHeaderAndRow() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BenchMain.execute(new String[] {"--quiet", "--steps", "200", "--warmup", "0", "--runs", "1", "t2"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines.get(0)).startsWith("# id");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).startsWith("T2 ").matches(Row.FORMAT);
    assertThat(code).isEqualTo(rows.get(0).contains(" PASS") ? 0 : 1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void usageErrorsExitWithTwoAndHelpExplainsTheExitCode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(BenchMain.execute(new String[] {"T99"}, o, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown suite or option 'T99'");
    assertThat(BenchMain.execute(new String[] {"--help"}, o, e)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("T6-mem").contains("1 when any target FAILs");
  }

  @Test
  void coldStartWithoutTheDeploymentJarFailsWithTheBuildCommand() {
    System.setProperty("durable.bench.lambdaJar", "no/such/durable-functions.jar");
    try {
      Row row = Suite.T15.run(TINY, Progress.silent());
      assertThat(row.pass()).isFalse();
      assertThat(row.format()).matches(Row.FORMAT).contains("durable-functions.jar_not_found")
          .contains("package_-DskipTests_-pl_examples_-am");
    } finally {
      System.clearProperty("durable.bench.lambdaJar");
    }
  }

  @Test
  void failingRowsAreMarkedFail() {
    Row over = new Row("T9", "x", 2.5, 2.0, java.util.Map.of("a", "1us"));
    Row error = Row.error("T9", "x", 2.0, new IllegalStateException("boom two words"));

    assertThat(over.pass()).isFalse();
    assertThat(over.format()).matches(Row.FORMAT).contains(" FAIL");
    assertThat(error.format()).matches(Row.FORMAT).contains("ratio=NaN").contains("error=IllegalStateException:boom_two_words");
  }
}
