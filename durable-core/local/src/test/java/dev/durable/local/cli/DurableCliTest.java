package dev.durable.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.local.LocalRuntime;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurableCliTest {
  private final CliHarness cli = new CliHarness();

  @ParameterizedTest
  @ValueSource(strings = {"", "start", "list", "show", "callback", "callback succeed", "callback fail",
      "callback heartbeat", "stop", "worker", "demo"})
  void everyCommandHasHelp(String command) {
    String[] args = (command + " --help").trim().split(" ");
    CliHarness.Result r = cli.run(args);
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: durable" + (command.isEmpty() ? "" : " " + command));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void withoutACommandItPrintsUsageAndExitsTwo() {
    CliHarness.Result r = cli.run();
    assertThat(r.code()).isEqualTo(DurableCli.USAGE);
    assertThat(r.err()).contains("Commands:").contains("start").contains("worker");
  }

  @Test
  void startListShowAndWait() throws Exception {
    CliHarness.Result started = cli.run("start", "echo", "--name", "e-1", "--input", "\"hi\"");
    assertThat(started.code()).isZero();
    String id = CliHarness.startedId(started);
    assertThat(cli.run("start", "echo", "--name", "e-1", "--input", "\"hi\"").out())
        .startsWith("Already running: " + id);

    CliHarness.Result list = cli.run("list");
    assertThat(list.out().lines().findFirst().orElseThrow())
        .matches("EXECUTION +FUNCTION +NAME +STATUS +STARTED +DURATION");
    assertThat(list.out()).contains(id).contains("e-1").contains("RUNNING").contains("running");

    CliHarness.Result waited = cli.run("start", "echo", "--name", "e-1", "--input", "\"hi\"", "--wait=5s");
    assertThat(waited.code()).isZero();
    assertThat(waited.out()).contains("SUCCEEDED \"hi\"");

    JsonNode json = new ObjectMapper().readTree(cli.run("list", "--status", "succeeded", "--json").out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("executionId").asText()).isEqualTo(id);
    assertThat(json.get(0).get("result").asText()).isEqualTo("\"hi\"");
    assertThat(cli.run("list", "--function", "approve").out()).startsWith("No executions match");

    JsonNode shown = new ObjectMapper().readTree(cli.run("show", id, "--json").out());
    assertThat(shown.get("execution").get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(shown.get("operations").get(1).get("Name").asText()).isEqualTo("say");
    assertThat(shown.get("history").get(0).get("EventType").asText()).isEqualTo("ExecutionStarted");
  }

  @Test
  void showPrintsAReadableTimeline() {
    String id = CliHarness.startedId(cli.run("start", "long", "--input", "\"x\"", "--wait"));
    String out = cli.run("show", id).out();

    assertThat(out).contains("Execution  " + id).contains("Function   long").contains("Status     SUCCEEDED")
        .contains("Invoked    1 time");
    String header = out.lines().filter(l -> l.contains("TYPE")).findFirst().orElseThrow();
    assertThat(header).matches(" *# +TYPE +NAME +STATUS +ATTEMPTS +START +END +DURATION +RESULT / ERROR");
    String step = out.lines().filter(l -> l.contains(" big ")).findFirst().orElseThrow();
    assertThat(step).contains("STEP").contains("SUCCEEDED").contains("\"xxxx").endsWith("…");
    assertThat(step.length()).isLessThan(160);
  }

  @Test
  void aPendingWaitShowsTheDateItEnds() {
    String id = CliHarness.startedId(cli.run("start", "sleeps", "--input", "\"x\"", "--wait=2s"));
    String wait = cli.run("show", id).out().lines().filter(l -> l.contains(" nap ")).findFirst().orElseThrow();
    // two days on, so a time of day alone would read as if the wait ended when it began
    assertThat(wait).contains("WAIT").contains("STARTED").containsPattern("until \\d{4}-\\d{2}-\\d{2} ");
  }

  @Test
  void callbacksAreCompletedFailedAndHeartbeatedFromTheCommandLine() throws Exception {
    try (LocalRuntime worker = cli.runtime()) {
      worker.startWorker();
      String a = CliHarness.startedId(cli.run("start", "approve", "--name", "a-1"));
      String b = CliHarness.startedId(cli.run("start", "approve", "--name", "a-2"));
      String callbackA = waitingCallback(a);
      String callbackB = waitingCallback(b);
      assertThat(cli.run("show", a).out()).contains("Waiting for callback 'manager-ok-callback'")
          .contains("durable callback succeed " + callbackA);

      assertThat(cli.run("callback", "heartbeat", callbackA).code()).isZero();
      CliHarness.Result bad = cli.run("callback", "succeed", callbackA, "yes");
      assertThat(bad.code()).isEqualTo(DurableCli.ERROR);
      assertThat(bad.err()).contains("not valid JSON").contains("'\"yes\"'");

      assertThat(cli.run("callback", "succeed", callbackA, "\"yes\"").code()).isZero();
      assertThat(worker.await(a, String.class, Duration.ofSeconds(5))).isEqualTo("yes");
      CliHarness.Result twice = cli.run("callback", "succeed", callbackA, "\"again\"");
      assertThat(twice.code()).isEqualTo(DurableCli.ERROR);
      assertThat(twice.err()).startsWith("error: ").hasLineCount(1);

      assertThat(cli.run("callback", "fail", callbackB, "--type", "Rejected", "--message", "no budget")
          .code()).isZero();
      // the worker notices a change made through another runtime on its next poll (<= 100 ms)
      assertThatThrownBy(() -> worker.await(b, String.class, Duration.ofSeconds(5)))
          .hasMessageContaining("no budget");
      assertThat(cli.run("show", b).out()).contains("Status     FAILED").contains("no budget");
    }
  }

  @Test
  void stopEndsARunAndASecondStopIsAnError() {
    String id = CliHarness.startedId(cli.run("start", "approve"));
    CliHarness.Result stopped = cli.run("stop", id, "--reason", "duplicate order");
    assertThat(stopped.code()).isZero();
    assertThat(stopped.out()).startsWith("Stopped " + id);
    assertThat(cli.run("show", id).out()).contains("STOPPED").contains("duplicate order");

    CliHarness.Result again = cli.run("stop", id);
    assertThat(again.code()).isEqualTo(DurableCli.ERROR);
    assertThat(again.err()).contains("already closed").hasLineCount(1);
  }

  @Test
  void errorsAreOneLineOnStderrWithDistinctExitCodes() {
    CliHarness.Result unknown = cli.run("start", "nope");
    assertThat(unknown.code()).isEqualTo(DurableCli.ERROR);
    assertThat(unknown.err()).hasLineCount(1).contains("Unknown function 'nope'")
        .contains("approve, echo, fails, long");

    CliHarness.Result failed = cli.run("start", "fails", "--input", "\"x\"", "--wait=5s");
    assertThat(failed.code()).isEqualTo(DurableCli.RUN_FAILED);
    assertThat(failed.err()).hasLineCount(1).contains("ended FAILED").contains("card declined");

    CliHarness.Result timedOut = cli.run("start", "approve", "--wait=200ms");
    assertThat(timedOut.code()).isEqualTo(DurableCli.WAIT_TIMED_OUT);
    assertThat(timedOut.err()).contains("still RUNNING");

    assertThat(cli.run("show", "no-such-id").err()).hasLineCount(1).contains("not found");
    assertThat(cli.run("start", "echo", "--input", "{oops").err()).contains("is not a valid");
    for (String[] usage : new String[][] {{"list", "--limit", "0"}, {"list", "--status", "bogus"},
        {"start", "echo", "--wait=soon"}, {"list", "--frobnicate"}, {"show"}, {"worker", "--threads", "x"}}) {
      CliHarness.Result r = cli.run(usage);
      assertThat(r.code()).as(String.join(" ", usage)).isEqualTo(DurableCli.USAGE);
      assertThat(r.err()).as(String.join(" ", usage)).hasLineCount(1).startsWith("error: ")
          .contains("--help'");
    }
  }

  @Test
  void theStoreOptionWorksBeforeAndAfterTheCommand() {
    cli.run("--store", "a.db", "list");
    cli.run("list", "--store", "b.db", "--durability", "relaxed");
    cli.run("list");
    assertThat(cli.storesOpened).containsExactly(Path.of("a.db"), Path.of("b.db"), Path.of("durable.db"));
  }

  @Test
  void workerRunsPendingRunsAndPrintsProgress() {
    String id = CliHarness.startedId(cli.run("start", "echo", "--input", "\"w\""));
    CliHarness.Result r = cli.run("worker", "--threads", "2", "--for", "300ms");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("functions [approve, echo, fails, long, sleeps], 2 threads")
        .contains(id + "  echo  invocation ended: SUCCEEDED").contains("Worker stopped: 1 invocations");
  }

  @Test
  void demoRunsTheApplicationsDemoEndToEnd() {
    assertThat(cli.run("demo").err()).contains("defines no demo");
    cli.demo = new Demo("echo", "hello", "echo, for the test", CliHarness.FUNCTIONS);
    CliHarness.Result r = cli.run("demo");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Demo:  echo, for the test").contains("Status:      SUCCEEDED")
        .contains("Result:      \"hello\"").contains("Invocations: 1").contains("Elapsed:")
        .contains("TYPE").contains(" say ");
    assertThat(cli.runtime().list(null)).extracting(x -> x.status()).containsOnly(ExecutionStatus.SUCCEEDED);
  }

  private String waitingCallback(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      String out = cli.run("show", id).out();
      var line = out.lines().filter(l -> l.startsWith("  durable callback succeed ")).findFirst();
      if (line.isPresent() && !out.contains("an invocation is running")) {
        return line.get().trim().split(" ")[3];
      }
    }
    throw new AssertionError("no callback for " + id);
  }
}
