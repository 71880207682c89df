package dev.durable.examples.cli;

import dev.durable.agents.Approver;
import dev.durable.agents.Pipeline;
import dev.durable.examples.content.Brief;
import dev.durable.examples.content.ContentPipeline;
import dev.durable.examples.content.Published;
import dev.durable.examples.research.DeepResearch;
import dev.durable.examples.research.ResearchReport;
import dev.durable.agents.HumanApprover;
import dev.durable.agents.Llm;
import dev.durable.approval.ApprovalException;
import dev.durable.approval.SigningKey;
import dev.durable.examples.common.ApprovalSetup;
import dev.durable.examples.common.Models;
import dev.durable.examples.common.PrintingNotifier;
import dev.durable.examples.order.Order;
import dev.durable.examples.order.OrderWorkflow;
import dev.durable.examples.order.Receipt;
import dev.durable.examples.triage.OfflineSupportModel;
import dev.durable.examples.triage.SupportDesk;
import dev.durable.examples.triage.SupportTriage;
import dev.durable.examples.triage.Ticket;
import dev.durable.examples.triage.TriageResult;
import dev.durable.local.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the CLI wires the examples: one approval setup (signing key, endpoint URL, channels from the
 * environment plus the terminal), the models (Bedrock or offline), and the stand-in systems; then
 * {@link #register} puts every example on a runtime under its name.
 *
 * <pre>{@code
 * ExampleSetup setup = ExampleSetup.create(System.getenv(), key, URI.create("http://localhost:8087"), out::println);
 * setup.register(runtime);
 * }</pre>
 */
public final class ExampleSetup {
  /** Who {@code approve} records as the approver unless told otherwise. */
  public static final String DEFAULT_APPROVER_LABEL = "cli-admin";
  /** The port {@code serve} listens on by default, and so the host of the links the examples print. */
  public static final int DEFAULT_PORT = 8087;
  /** Environment variable with the Base64 signing key of approval links. */
  public static final String KEY_ENV = "APPROVAL_SIGNING_KEY";
  /** Where the CLI keeps a generated signing key when none is given (working directory). */
  public static final Path KEY_FILE = Path.of("durable-approval.key");

  /** The stand-in payment provider of the order example. */
  static final dev.durable.examples.order.PaymentGateway GATEWAY = (order, key) -> "pay-" + order.id();

  private final ApprovalSetup approvals;
  private final PrintingNotifier terminal;
  private final Models supportModels;
  private final SupportDesk desk;
  private final Map<String, String> env;

  private ExampleSetup(ApprovalSetup approvals, PrintingNotifier terminal, Models supportModels, SupportDesk desk,
      Map<String, String> env) {
    this.approvals = approvals;
    this.terminal = terminal;
    this.supportModels = supportModels;
    this.desk = desk;
    this.env = env;
  }

  /** The examples with links under {@code baseUrl} signed with {@code key}, printing approvals to {@code printer}. */
  public static ExampleSetup create(Map<String, String> env, SigningKey key, URI baseUrl, Consumer<String> printer) {
    PrintingNotifier terminal = new PrintingNotifier(printer);
    return new ExampleSetup(ApprovalSetup.fromEnvironment(env, baseUrl, key, terminal), terminal,
        Models.fromEnvironment(env, OfflineSupportModel::create), SupportDesk.sample(), env);
  }

  /**
   * The signing key: {@code option} (Base64) if given, else {@value #KEY_ENV}, else the key file in
   * the working directory, created with 32 random bytes on first use so that {@code run} and
   * {@code serve} in two terminals sign and check with the same key. Short keys are refused.
   */
  public static SigningKey signingKey(String option, Map<String, String> env) {
    if (option != null) {
      return SigningKey.fromBase64(option);
    }
    String fromEnv = env.get(KEY_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return SigningKey.fromBase64(fromEnv);
    }
    try {
      if (!Files.exists(KEY_FILE)) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.writeString(KEY_FILE, Base64.getEncoder().encodeToString(bytes) + "\n");
        try {
          Files.setPosixFilePermissions(KEY_FILE, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the file keeps the directory's ACL
        }
      }
      return SigningKey.fromBase64(Files.readString(KEY_FILE).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the approval signing key " + KEY_FILE.toAbsolutePath()
          + "; set " + KEY_ENV + " (openssl rand -base64 32) or pass --signing-key", e);
    } catch (ApprovalException e) {
      throw new ApprovalException(KEY_FILE.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The key for the built-in commands ({@code start}, {@code worker}, {@code list}...): the configured
   * one if there is one (option, environment or an existing key file), else a random key for this
   * process only, so that listing runs never writes a key file. Links minted with it cannot be
   * checked by a later {@code serve}; the CLI's {@code callback succeed} works regardless.
   */
  public static SigningKey existingOrEphemeralKey(Map<String, String> env) {
    String fromEnv = env.get(KEY_ENV);
    if ((fromEnv != null && !fromEnv.isBlank()) || Files.exists(KEY_FILE)) {
      return signingKey(null, env);
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return SigningKey.of(bytes);
  }

  /** Registers {@code orders}, {@code support-triage}, {@code content-pipeline} and {@code deep-research}. */
  public void register(LocalRuntime rt) {
    rt.register("orders", new OrderWorkflow(GATEWAY), Order.class, Receipt.class);
    rt.register("support-triage", triage(), Ticket.class, TriageResult.class);
    Pipeline<Brief, Published> content = ContentPipeline.fromEnvironment(env, approver("content-pipeline"));
    rt.register("content-pipeline", content, content.inputType(), content.outputType());
    rt.register("deep-research", DeepResearch.fromEnvironment(env, approver("deep-research")), String.class,
        ResearchReport.class);
  }

  /** The triage agent on this setup's model, approvals and desk. */
  public SupportTriage triage() {
    return new SupportTriage(Llm.of(supportModels.model()), approver("support-triage"), desk);
  }

  private Approver approver(String requester) {
    return HumanApprover.of(approvals.options(), approvals.approvers().toArray(String[]::new)).requester(requester);
  }

  /** The approval channels and approvers. */
  public ApprovalSetup approvals() {
    return approvals;
  }

  /** The terminal channel (what it printed, for the demo's simulated approver). */
  public PrintingNotifier terminal() {
    return terminal;
  }

  /** The triage model and its call counter. */
  public Models supportModels() {
    return supportModels;
  }

  /** The triage example's stand-in systems (counts tool executions). */
  public SupportDesk desk() {
    return desk;
  }

  /** The sample input of {@code example}, or null for an unknown name. */
  public static Object sampleInput(String example) {
    return switch (example) {
      case "support-triage" -> Ticket.lostParcel();
      case "orders" -> new Order("order-1", "customer-9", 4200);
      case "content-pipeline" -> Brief.sample();
      case "deep-research" -> "Why does durable execution matter for AI agents?";
      default -> null;
    };
  }
}
