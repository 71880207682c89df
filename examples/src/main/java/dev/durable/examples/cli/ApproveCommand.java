package dev.durable.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.CliContext;
import dev.durable.local.cli.DurableCli;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code durable approve <callbackId> [--reject] [--as WHO] [--comment TEXT]}: decides an approval
 * from the command line, as an administrator of the store (no signed link needed). Writes the same
 * decision the approval endpoint writes, with channel {@code cli}; a worker or {@code serve} on the
 * store resumes the run.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approves (or with --reject rejects) an approval a run waits for, by its callback id.")
public final class ApproveCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliContext cli;
  private final Clock clock;

  @Parameters(index = "0", paramLabel = "CALLBACK_ID", description = "The callback id 'run' or 'show' printed.")
  String callbackId;

  @Option(names = "--reject", description = "Reject instead of approve.")
  boolean reject;

  @Option(names = "--as", paramLabel = "WHO", defaultValue = ExampleSetup.DEFAULT_APPROVER_LABEL,
      description = "Who decides, recorded in the journal (default ${DEFAULT-VALUE}).")
  String approver;

  @Option(names = "--comment", paramLabel = "TEXT", description = "A comment for the journal and the run.")
  String comment;

  /** An approve command over the CLI's store; {@code clock} stamps the decision. */
  public ApproveCommand(CliContext cli, Clock clock) {
    this.cli = cli;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ObjectNode verdict = JSON.createObjectNode()
        .put("outcome", reject ? "REJECTED" : "APPROVED")
        .put("approver", approver)
        .put("comment", comment)
        .put("at", clock.instant().toString())
        .put("channel", "cli");
    try (LocalRuntime rt = cli.open(b -> { }, r -> { })) {
      rt.completeCallback(callbackId, verdict.toString());
    }
    cli.out().println((reject ? "Rejected" : "Approved") + " as " + approver + ". A worker on this store"
        + " (durable worker, or durable serve) resumes the run.");
    return DurableCli.OK;
  }
}
