package dev.durable.examples.lambda;

import dev.durable.agents.HumanApprover;
import dev.durable.agents.Llm;
import dev.durable.approval.ApprovalException;
import dev.durable.approval.SigningKey;
import dev.durable.core.TypeToken;
import dev.durable.examples.common.ApprovalSetup;
import dev.durable.examples.common.Models;
import dev.durable.examples.triage.OfflineSupportModel;
import dev.durable.examples.triage.SupportDesk;
import dev.durable.examples.triage.SupportTriage;
import dev.durable.examples.triage.Ticket;
import dev.durable.examples.triage.TriageResult;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import java.net.URI;
import java.util.Map;

/**
 * The support-triage agent as a durable Lambda function
 * ({@code dev.durable.examples.lambda.TriageHandler::handleRequest} in {@code template.yaml}).
 * Configuration from the environment: {@code DURABLE_BEDROCK_MODEL} (else the offline scripted
 * model), {@code APPROVAL_BASE_URL} (the approval endpoint's function URL),
 * {@code APPROVAL_SIGNING_KEY} (Base64, at least 32 bytes), {@code APPROVERS}, and Slack
 * ({@code SLACK_BOT_TOKEN} + {@code SLACK_CHANNEL}) and/or email ({@code SMTP_*}).
 *
 * <pre>{@code
 * aws lambda invoke --function-name durable-triage:live --invocation-type Event \
 *     --durable-execution-name T-1042 --cli-binary-format raw-in-base64-out \
 *     --payload file://ticket.json out.json
 * }</pre>
 */
public final class TriageHandler extends DurableHandler<Ticket, TriageResult> {
  /** What Lambda calls: configured from the environment. */
  public TriageHandler() {
    super(fromEnvironment(System.getenv()), Ticket.class);
  }

  /** With other options (a client aimed at the emulator) and an explicit environment. */
  public TriageHandler(HandlerOptions options, Map<String, String> env) {
    super(fromEnvironment(env), TypeToken.of(Ticket.class), options);
  }

  static SupportTriage fromEnvironment(Map<String, String> env) {
    Models models = Models.fromEnvironment(env, OfflineSupportModel::create);
    return new SupportTriage(Llm.of(models.model()), humans(env, "support-triage"), SupportDesk.sample());
  }

  /**
   * The approver of the deployed examples: links under {@code APPROVAL_BASE_URL} signed with
   * {@code APPROVAL_SIGNING_KEY}, sent through the Slack and/or email channels the environment names.
   */
  static HumanApprover humans(Map<String, String> env, String requester) {
    String base = env.get("APPROVAL_BASE_URL");
    if (base == null || base.isBlank()) {
      throw new ApprovalException("APPROVAL_BASE_URL is not set; set it to the approval endpoint's URL"
          + " (the ApprovalUrl output of the stack)");
    }
    ApprovalSetup approvals = ApprovalSetup.fromEnvironment(env, URI.create(base),
        SigningKey.fromBase64(env.get("APPROVAL_SIGNING_KEY")));
    return HumanApprover.of(approvals.options(), approvals.approvers().toArray(String[]::new)).requester(requester);
  }
}
