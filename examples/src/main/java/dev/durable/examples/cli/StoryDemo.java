package dev.durable.examples.cli;

import dev.durable.approval.ApprovalEndpoint;
import dev.durable.approval.ApprovalMessage;
import dev.durable.approval.CallbackSink;
import dev.durable.approval.EndpointConfig;
import dev.durable.approval.SigningKey;
import dev.durable.core.DurableException;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.examples.triage.SupportTriage;
import dev.durable.examples.triage.Ticket;
import dev.durable.local.LocalRuntime;
import dev.durable.local.RuntimeStats;
import dev.durable.local.cli.CliContext;
import dev.durable.local.cli.Demo;
import dev.durable.local.cli.DurableCli;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code durable demo}: the whole story, non-interactively — the support-triage agent pauses for a
 * refund approval holding no thread, the runtime is closed as if the process stopped, a fresh
 * runtime resumes the run, a simulated approver approves through the real approval endpoint, the
 * run finishes, and the timeline and the call counts show that no model or tool call ran twice.
 * {@code durable demo orders} runs the seed order workflow instead.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = StoryDemo.Orders.class,
    description = {"The support-triage agent end to end on the store: pause for a human approval,"
            + " restart, approve (simulated approver), finish; prints the timeline and the call counts.",
        "Uses Amazon Bedrock when DURABLE_BEDROCK_MODEL, AWS_REGION and AWS credentials are set;"
            + " otherwise the offline scripted model."})
public final class StoryDemo implements Callable<Integer> {
  static final String APPROVER = "support-lead@example.com";

  final CliContext cli;
  private final Demo orders;
  private final Map<String, String> env;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "25s",
      converter = DurationOption.class, description = "Give up on a phase after this long (default ${DEFAULT-VALUE}).")
  Duration timeout;

  /** {@code orders} is what {@code durable demo orders} runs; {@code env} picks the model. */
  public StoryDemo(CliContext cli, Demo orders, Map<String, String> env) {
    this.cli = cli;
    this.orders = orders;
    this.env = env;
  }

  /** {@code durable demo orders}: the seed order workflow through its cool-off. */
  @Command(name = "orders", mixinStandardHelpOptions = true,
      description = "The seed order workflow (validate, charge, cool-off wait, complete), with a 2 s cool-off.")
  static final class Orders implements Callable<Integer> {
    @ParentCommand
    StoryDemo parent;

    @Override
    public Integer call() {
      return parent.cli.runDemo(parent.orders, Duration.ofMinutes(2));
    }
  }

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime(); // elapsed wall time for the summary only
    PrintWriter out = cli.out();
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    SigningKey key = SigningKey.of(raw); // this process only: the demo's links are not meant to outlive it
    AtomicReference<LocalRuntime> current = new AtomicReference<>();
    CallbackSink sink = CallbackSink.of(arn -> runtime(current).operations(arn),
        (id, json) -> runtime(current).completeCallback(id, json));
    // the demo never mails or posts anywhere: links go to the terminal, whatever the environment says
    Map<String, String> modelEnv = env.entrySet().stream()
        .filter(e -> e.getKey().startsWith("AWS_") || e.getKey().equals("DURABLE_BEDROCK_MODEL"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    try (ApprovalEndpoint endpoint = ApprovalEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        EndpointConfig.of(key, sink))) {
      URI base = URI.create("http://127.0.0.1:" + endpoint.port());
      ExampleSetup before = ExampleSetup.create(modelEnv, key, base, out::println);
      Ticket ticket = Ticket.lostParcel();
      out.println("Durable agents demo: a support-triage agent that needs a human to approve a refund.");
      out.println("Model:    " + before.supportModels().description());
      out.println("Store:    " + cli.store().toAbsolutePath().normalize() + " (" + cli.durability()
          + "; each demo adds one new run, so running it again is fine)");
      out.println("Approval: links signed with a fresh per-demo key, served by the approval endpoint at " + base);
      out.println();

      out.println("[1/5] Starting support-triage on ticket " + ticket.id() + " (\"" + ticket.subject()
          + "\"); refunds over " + SupportTriage.money(SupportTriage.DEFAULT_APPROVAL_THRESHOLD_CENTS) + " need a human.");
      LocalRuntime first = open(before, current);
      first.startWorker();
      String arn = first.start("support-triage", null, ticket).executionArn();
      Progress progress = new Progress(out);
      List<Operation> ops = until(first, arn, progress, o -> waitingCallback(o).isPresent());
      Operation waiting = waitingCallback(ops).orElseThrow(() -> new DurableException("the run ended "
          + first.status(arn).status() + " without pausing for an approval (the model did not ask for a refund"
          + " over the threshold); see 'show " + arn + "'"));
      String callbackId = waiting.callbackDetails().callbackId();
      ExecutionRecord paused = awaitIdle(first, arn);
      RuntimeStats stats = first.stats();
      out.println();
      out.println("[2/5] Paused for approval. The run holds no thread and no memory while it waits:");
      out.println("      execution status " + paused.status() + "; an invocation holds it: "
          + (paused.invocationActive() ? "yes" : "no") + "; invocations running in this runtime: "
          + stats.invocationsRunning() + "; runs kept in memory: " + stats.runsTracked()
          + " (worker " + stats.workerId() + ", " + stats.invocationsCompleted() + " invocation(s) ended)");
      out.println("      A person would approve with any of:");
      out.println("        java -jar examples/target/durable.jar approve " + callbackId + " --as " + APPROVER);
      out.println("        java -jar examples/target/durable.jar callback succeed " + callbackId
          + " '{\"outcome\":\"APPROVED\",\"approver\":\"" + APPROVER + "\",\"comment\":\"ok\"}'");
      out.println("        the link above (open it in a browser; it shows the exact refund and asks to confirm)");
      int modelCallsBefore = before.supportModels().counter().calls();
      int toolCallsBefore = before.desk().calls();
      out.println();

      out.println("[3/5] Closing the runtime, as if the process had stopped ...");
      first.close();
      current.set(null);
      ExampleSetup after = ExampleSetup.create(modelEnv, key, base, out::println);
      LocalRuntime second = open(after, current);
      second.startWorker();
      out.println("      Opened a fresh LocalRuntime on the same store, with a fresh model client and fresh"
          + " stand-in systems; status: " + second.status(arn).status());
      out.println();

      out.println("[4/5] Simulated approver (" + APPROVER + ") opens the link and clicks Approve:");
      ApprovalMessage message = before.terminal().sent().get(0);
      String link = message.pageUrl(APPROVER, "approve");
      HttpResponse<String> page = http(HttpRequest.newBuilder(URI.create(link)).GET().build());
      HttpResponse<String> decided = http(HttpRequest.newBuilder(URI.create(link.substring(0, link.indexOf('?'))))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("t=" + enc(token(link)) + "&action=approve&comment="
              + enc("Courier confirmed the loss; refund approved."))).build());
      out.println("      GET the approval page: HTTP " + page.statusCode() + "; POST approve: HTTP "
          + decided.statusCode() + (decided.statusCode() == 200 ? " (callback completed)" : " " + decided.body()));
      if (decided.statusCode() != 200) {
        throw new DurableException("the approval endpoint refused the simulated approver (HTTP "
            + decided.statusCode() + ")");
      }
      ops = until(second, arn, progress, o -> false);
      ExecutionRecord done = second.status(arn);
      out.println();

      out.println("[5/5] " + done.status() + ". The journal:");
      out.println();
      cli.printTimeline(second, arn);
      long modelSteps = Progress.modelSteps(ops);
      long toolSteps = Progress.toolSteps(ops);
      int modelCalls = modelCallsBefore + after.supportModels().counter().calls();
      int toolCalls = toolCallsBefore + after.desk().calls();
      out.println();
      out.println("Model calls:  " + modelCalls + " made to the provider (" + modelCallsBefore + " before the restart, "
          + (modelCalls - modelCallsBefore) + " after); " + modelSteps + " model steps in the journal");
      out.println("Tool calls:   " + toolCalls + " executed (" + toolCallsBefore + " before the restart, "
          + (toolCalls - toolCallsBefore) + " after); " + toolSteps + " tool steps in the journal");
      out.println(modelCalls == modelSteps && toolCalls == toolSteps
          ? "No model call and no tool call ran twice: the fresh runtime replayed the journal instead."
          : "MISMATCH: some call ran more than once (see the counts above).");
      out.println("Elapsed:      " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
      out.println();
      out.println("Next: 'java -jar examples/target/durable.jar run support-triage' and 'serve' to approve"
          + " yourself; 'show " + done.executionId() + "' to see this run again.");
      second.close();
      current.set(null);
      return done.status() == ExecutionStatus.SUCCEEDED && modelCalls == modelSteps && toolCalls == toolSteps
          ? DurableCli.OK : DurableCli.RUN_FAILED;
    } finally {
      LocalRuntime left = current.getAndSet(null);
      if (left != null) {
        left.close();
      }
    }
  }

  private LocalRuntime open(ExampleSetup setup, AtomicReference<LocalRuntime> current) {
    LocalRuntime rt = cli.open(b -> b.workerThreads(2).pollInterval(Duration.ofMillis(50)), setup::register);
    current.set(rt);
    return rt;
  }

  private static LocalRuntime runtime(AtomicReference<LocalRuntime> current) {
    LocalRuntime rt = current.get();
    if (rt == null) {
      throw new DurableException("the runtime is restarting; try again in a moment");
    }
    return rt;
  }

  /** Polls the journal, printing progress, until {@code stop} holds or the run ends. */
  private List<Operation> until(LocalRuntime rt, String arn, Progress progress, Predicate<List<Operation>> stop)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Operation> ops = progress.poll(rt, arn);
      if (stop.test(ops) || rt.status(arn).status().isTerminal()) {
        return ops;
      }
      if (System.nanoTime() > deadline) {
        throw new DurableException("the demo run did not get on within " + timeout + "; see 'show " + arn + "'");
      }
      Thread.sleep(50);
    }
  }

  /** Waits until no invocation holds the run: it has suspended. */
  private ExecutionRecord awaitIdle(LocalRuntime rt, String arn) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutionRecord x = rt.status(arn);
    while ((x.invocationActive() || rt.stats().invocationsRunning() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      x = rt.status(arn);
    }
    return x;
  }

  static Optional<Operation> waitingCallback(List<Operation> ops) {
    return ops.stream().filter(o -> o.type() == OperationType.CALLBACK && o.status() == OperationStatus.STARTED
        && o.callbackDetails() != null).findFirst();
  }

  private static HttpResponse<String> http(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String link) {
    for (String p : URI.create(link).getRawQuery().split("&")) {
      if (p.startsWith("t=")) {
        return URLDecoder.decode(p.substring(2), StandardCharsets.UTF_8);
      }
    }
    throw new DurableException("approval link without a token: " + link);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
