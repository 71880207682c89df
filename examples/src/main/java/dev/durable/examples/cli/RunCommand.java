package dev.durable.examples.cli;

import dev.durable.approval.ApprovalMessage;
import dev.durable.core.DurableException;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.CliContext;
import dev.durable.local.cli.DurableCli;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code durable run <example> [--input JSON]}: starts an example with a worker in this process and
 * prints each step as it ends; when the run pauses for an approval it prints the exact CLI command
 * and the approval link, and exits (the run holds no thread while it waits).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs an example, printing each step as it happens; on a pause for approval, says how to approve.",
        "Examples: support-triage, orders. Without --input the example's sample input is used."})
public final class RunCommand implements Callable<Integer> {
  private final CliContext cli;
  private final Map<String, String> env;

  @Parameters(index = "0", paramLabel = "EXAMPLE", description = "support-triage or orders")
  String example;

  @Option(names = "--input", paramLabel = "JSON", description = "The input as JSON (default: the example's sample).")
  String input;

  @Option(names = "--name", paramLabel = "NAME", description = "Execution name (idempotent); generated if omitted.")
  String name;

  @Option(names = "--signing-key", paramLabel = "BASE64",
      description = "Signing key of approval links (default: $" + ExampleSetup.KEY_ENV + ", else the file "
          + "durable-approval.key, created on first use); 'serve' must use the same key.")
  String signingKey;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationOption.class,
      description = "Stop watching after this long (default ${DEFAULT-VALUE}); the run goes on.")
  Duration timeout;

  /** A run command over the CLI's store; {@code env} configures models and approval channels. */
  public RunCommand(CliContext cli, Map<String, String> env) {
    this.cli = cli;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = cli.out();
    ExampleSetup setup = ExampleSetup.create(env, ExampleSetup.signingKey(signingKey, env),
        ServeCommand.baseUrl(env, ExampleSetup.DEFAULT_PORT), out::println);
    try (LocalRuntime rt = cli.open(b -> b.workerThreads(2).pollInterval(Duration.ofMillis(50)), setup::register)) {
      if (!rt.functions().contains(example)) {
        throw new DurableException("unknown example '" + example + "'; choose one of " + rt.functions());
      }
      String json = input;
      if (json == null) {
        Object sample = ExampleSetup.sampleInput(example);
        json = sample == null ? null : dev.durable.core.serde.JacksonSerDes.create().serialize(sample);
        out.println("Input (the example's sample): " + json);
      }
      out.println("Model: " + setup.supportModels().description());
      var started = rt.startJson(example, name, json);
      String arn = started.executionArn();
      out.println((started.created() ? "Started " : "Already running: ") + started.executionId());
      rt.startWorker();
      Progress progress = new Progress(out);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        List<Operation> ops = progress.poll(rt, arn);
        ExecutionRecord x = rt.status(arn);
        if (x.status().isTerminal()) {
          out.println(x.status() + (x.result() != null ? " " + x.result()
              : x.error() != null ? " " + x.error().errorType() + ": " + x.error().errorMessage() : ""));
          return x.status() == ExecutionStatus.SUCCEEDED ? DurableCli.OK : DurableCli.RUN_FAILED;
        }
        var waiting = StoryDemo.waitingCallback(ops);
        if (waiting.isPresent() && !x.invocationActive() && rt.stats().invocationsRunning() == 0) {
          howToApprove(out, setup, waiting.get().callbackDetails().callbackId(), started.executionId());
          return DurableCli.OK;
        }
        if (System.nanoTime() > deadline) {
          out.println("Still running after " + timeout + "; follow it with 'show " + started.executionId() + "'.");
          return DurableCli.WAIT_TIMED_OUT;
        }
        Thread.sleep(50);
      }
    }
  }

  private void howToApprove(PrintWriter out, ExampleSetup setup, String callbackId, String executionId) {
    String approver = setup.approvals().approvers().get(0);
    out.println();
    out.println("Paused: the run waits for a human decision, holding no thread. To decide, either");
    out.println("  1. approve from the CLI (then any 'worker' or 'serve' on this store resumes the run):");
    out.println("       java -jar examples/target/durable.jar approve " + callbackId + " --as " + approver
        + " --comment ok        (--reject to reject)");
    out.println("     which is the same as");
    out.println("       java -jar examples/target/durable.jar callback succeed " + callbackId
        + " '{\"outcome\":\"APPROVED\",\"approver\":\"" + approver + "\",\"comment\":\"ok\",\"channel\":\"cli\"}'");
    List<ApprovalMessage> sent = setup.terminal().sent();
    if (!sent.isEmpty()) {
      out.println("  2. or start the approval endpoint and worker, and open the link:");
      out.println("       java -jar examples/target/durable.jar serve --port " + ExampleSetup.DEFAULT_PORT);
      out.println("       " + sent.get(sent.size() - 1).pageUrl(approver, null));
    }
    out.println("Then: java -jar examples/target/durable.jar show " + executionId);
  }
}
