package dev.durable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.DurableCli;
import dev.durable.local.cli.RuntimeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI jar's wiring: the story demo, the order demo and the registered examples. */
class MainTest {
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  private final RuntimeFactory inMemory = (path, durability) ->
      LocalRuntime.builder().store(store, leases).pollInterval(Duration.ofMillis(20));
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();
  /** A fixed signing key so that no key file is written in the build's working directory. */
  private final Map<String, String> env = Map.of("APPROVAL_SIGNING_KEY",
      "c2lnbmluZy1rZXktZm9yLXRoZS1leGFtcGxlcy1tYWluLXRlc3Q=");

  private int run(RuntimeFactory factory, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(args, factory, new PrintWriter(out, true), new PrintWriter(err, true), env);
  }

  @Test
  void demoTellsTheWholeStoryOnTheSqliteStoreAndWorksTwiceInARow(@TempDir Path dir) {
    String db = dir.resolve("durable.db").toString();
    for (int round = 1; round <= 2; round++) {
      assertThat(run(RuntimeFactory.SQLITE, "demo", "--store", db)).as(err.toString()).isZero();
      String o = out.toString();
      assertThat(o).contains("Model:    the OFFLINE SCRIPTED model")
          .contains("[1/5] Starting support-triage on ticket T-1042")
          .containsPattern("model +classify +SUCCEEDED")
          .containsPattern("tool +lookup_order#call_order_1 +SUCCEEDED")
          .containsPattern("approval +decision +WAITING")
          .contains("[2/5] Paused for approval. The run holds no thread")
          .contains("execution status RUNNING; an invocation holds it: no; invocations running in this runtime: 0;"
              + " runs kept in memory: 0")
          .containsPattern("callback succeed \\S+ '\\{\"outcome\":\"APPROVED\"")
          .contains("[3/5] Closing the runtime, as if the process had stopped")
          .contains("Opened a fresh LocalRuntime on the same store")
          .contains("[4/5] Simulated approver (support-lead@example.com)")
          .contains("POST approve: HTTP 200 (callback completed)")
          .containsPattern("tool +issue_refund#refund +SUCCEEDED")
          .containsPattern("tool +send_reply#send +SUCCEEDED")
          .contains("[5/5] SUCCEEDED. The journal:")
          .containsPattern("STEP +classify +SUCCEEDED")
          .contains("Model calls:  4 made to the provider (3 before the restart, 1 after); 4 model steps in the journal")
          .contains("Tool calls:   4 executed (2 before the restart, 2 after); 4 tool steps in the journal")
          .contains("No model call and no tool call ran twice");
      // the pause comes before the restart, the approval after it
      assertThat(o.indexOf("[2/5]")).isLessThan(o.indexOf("[3/5]"));
      assertThat(o.indexOf("[3/5]")).isLessThan(o.indexOf("[4/5]"));
    }
    assertThat(run(RuntimeFactory.SQLITE, "list", "--store", db, "--function", "support-triage")).isZero();
    assertThat(out.toString().lines().filter(l -> l.contains("SUCCEEDED")).count()).isEqualTo(2);
  }

  @Test
  void demoOrdersRunsTheOrderWorkflowThroughItsCoolOff() {
    assertThat(run(inMemory, "demo", "orders")).isZero();
    assertThat(out.toString())
        .contains("the cool-off is 2 s here instead of the example's 300 s")
        .contains("Status:      SUCCEEDED")
        .contains("Result:      {\"orderId\":\"order-1\",\"paymentId\":\"pay-order-1\",\"status\":\"COMPLETED\"}")
        .contains("Invocations: 2")
        .containsPattern("WAIT +cool-off +SUCCEEDED");
  }

  @Test
  void theRootHelpListsEveryCommandIncludingTheEmulator() {
    assertThat(run(inMemory, "--help")).isZero();
    assertThat(out.toString()).contains("demo").contains("run").contains("serve").contains("approve")
        .containsPattern("(?m)^  emulator +Runs the local Lambda durable-execution emulator");
  }

  @Test
  void theOrdersFunctionIsRegisteredForStart() {
    assertThat(run(inMemory, "start", "orders", "--name", "o-7",
        "--input", "{\"id\":\"o-7\",\"customer\":\"c-1\",\"amountCents\":0}", "--wait=10s"))
        .isEqualTo(DurableCli.RUN_FAILED);
    assertThat(err.toString()).contains("non-positive amount");
  }

  @Test
  void runPrintsProgressAndHowToApproveThenTheCliCallbackLetsAWorkerFinishIt() {
    int code = run(inMemory, "run", "support-triage");
    assertThat(code).as(out + "\n" + err).isZero();
    String o = out.toString();
    assertThat(o).contains("Input (the example's sample): {\"id\":\"T-1042\"")
        .containsPattern("model +classify +SUCCEEDED")
        .contains("[approval] link for support-lead@example.com: http://localhost:8087/approval/")
        .contains("Paused: the run waits for a human decision, holding no thread.")
        .contains("java -jar examples/target/durable.jar serve --port 8087");
    String command = o.lines().filter(l -> l.contains("durable.jar approve ")).findFirst().orElseThrow().trim();
    String callbackId = command.split(" ")[4];
    assertThat(o).contains("callback succeed " + callbackId + " '{\"outcome\":\"APPROVED\"");
    String id = o.lines().filter(l -> l.startsWith("Started ")).findFirst().orElseThrow().substring(8);

    assertThat(run(inMemory, "approve", callbackId, "--as", "support-lead@example.com", "--comment", "ok"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("Approved as support-lead@example.com");
    assertThat(run(inMemory, "approve", callbackId, "--reject")).isEqualTo(DurableCli.ERROR);
    assertThat(err.toString()).contains("already");
    assertThat(run(inMemory, "worker", "--for", "3s")).isZero();
    assertThat(run(inMemory, "show", id)).isZero();
    assertThat(out.toString()).contains("Status     SUCCEEDED").contains("refunded 129.00 USD after approval");
  }

  @Test
  void serveRunsTheWorkerAndTheApprovalEndpointThatTheLinksOfRunPointAt() throws Exception {
    int port;
    try (var probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Map<String, String> served = Map.of("APPROVAL_SIGNING_KEY", env.get("APPROVAL_SIGNING_KEY"),
        "APPROVAL_BASE_URL", "http://127.0.0.1:" + port);
    StringWriter runOut = new StringWriter();
    assertThat(Main.run(new String[] {"run", "support-triage"}, inMemory, new PrintWriter(runOut, true),
        new PrintWriter(new StringWriter(), true), served)).isZero();
    String link = runOut.toString().lines().map(String::trim).filter(l -> l.startsWith("http://127.0.0.1:" + port))
        .findFirst().orElseThrow();
    String id = runOut.toString().lines().filter(l -> l.startsWith("Started ")).findFirst().orElseThrow().substring(8);

    StringWriter serveOut = new StringWriter();
    Thread serve = new Thread(() -> Main.run(new String[] {"serve", "--port", String.valueOf(port), "--for", "60s"},
        inMemory, new PrintWriter(serveOut, true), new PrintWriter(new StringWriter(), true), served));
    serve.setDaemon(true); // it serves on until --for ends; the assertions below do not wait for that
    serve.start();
    var http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> decided = null;
    for (int i = 0; i < 200 && decided == null; i++) {
      try {
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("?t=") + 3),
            java.nio.charset.StandardCharsets.UTF_8);
        decided = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link.substring(0, link.indexOf('?'))))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("t=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8) + "&action=approve&comment=fine")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (java.net.ConnectException notUpYet) {
        Thread.sleep(25);
      }
    }
    assertThat(decided).isNotNull();
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    // serve's worker resumes the run; poll its status (a bound, not a timing assertion)
    for (int i = 0; i < 600 && !out.toString().contains("Status     SUCCEEDED"); i++) {
      Thread.sleep(50);
      run(inMemory, "show", id);
    }
    assertThat(out.toString()).contains("Status     SUCCEEDED").contains("refunded 129.00 USD after approval");
    assertThat(serveOut.toString()).contains("approval endpoint: http://localhost:" + port + "/approval/");
  }

  @Test
  void serveRefusesAShortSigningKeyNamingTheFix() {
    assertThat(run(inMemory, "serve", "--signing-key", "c2hvcnQ=", "--for", "1s")).isEqualTo(DurableCli.ERROR);
    assertThat(err.toString()).contains("signing key").contains("openssl rand -base64 32");
  }

  @Test
  void runRefusesAnUnknownExample() {
    assertThat(run(inMemory, "run", "nope")).isEqualTo(DurableCli.ERROR);
    assertThat(err.toString()).contains("unknown example 'nope'").contains("support-triage");
  }
}
