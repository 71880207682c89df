package dev.durable.examples.common;

import dev.durable.approval.ApprovalException;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalNotifier;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.EmailNotifier;
import dev.durable.approval.SigningKey;
import dev.durable.approval.SlackNotifier;
import dev.durable.approval.SlackSettings;
import dev.durable.approval.SmtpSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The examples' approval channels from the environment: Slack when {@code SLACK_BOT_TOKEN} and
 * {@code SLACK_CHANNEL} (or {@code SLACK_WEBHOOK_URL}) are set, email when {@code SMTP_HOST} is
 * (with {@code SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}, {@code SMTP_FROM};
 * STARTTLS), plus any extra notifier such as the CLI's terminal printer. Approvers come from
 * {@code APPROVERS} (comma-separated emails and/or Slack user ids).
 *
 * <pre>{@code
 * ApprovalSetup setup = ApprovalSetup.fromEnvironment(System.getenv(), URI.create(url), key, terminal);
 * Approver humans = HumanApprover.of(setup.options(), setup.approvers().toArray(String[]::new)).requester("support-triage");
 * }</pre>
 *
 * @param options the channels and link minter
 * @param approvers who may decide
 * @param channels the channel names, for messages
 */
public record ApprovalSetup(ApprovalOptions options, List<String> approvers, List<String> channels) {
  /** Who decides when {@code APPROVERS} is not set. */
  public static final String DEFAULT_APPROVER = "support-lead@example.com";

  /** Channels from {@code env}; {@code extra} notifiers (e.g. the terminal) are added after them. */
  public static ApprovalSetup fromEnvironment(Map<String, String> env, URI baseUrl, SigningKey key,
      ApprovalNotifier... extra) {
    List<ApprovalNotifier> notifiers = new ArrayList<>();
    if (set(env, "SLACK_BOT_TOKEN") && set(env, "SLACK_CHANNEL")) {
      notifiers.add(new SlackNotifier(SlackSettings.webApi(env.get("SLACK_BOT_TOKEN"), env.get("SLACK_CHANNEL"))));
    } else if (set(env, "SLACK_WEBHOOK_URL")) {
      notifiers.add(new SlackNotifier(SlackSettings.webhook(URI.create(env.get("SLACK_WEBHOOK_URL")))));
    }
    if (set(env, "SMTP_HOST")) {
      int port;
      try {
        port = Integer.parseInt(env.getOrDefault("SMTP_PORT", "587"));
      } catch (NumberFormatException e) {
        throw new ApprovalException("SMTP_PORT is '" + env.get("SMTP_PORT") + "'; set it to a port number such as 587");
      }
      if (!set(env, "SMTP_FROM")) {
        throw new ApprovalException("SMTP_HOST is set but SMTP_FROM is not; set it to the sender address,"
            + " e.g. approvals@example.com");
      }
      notifiers.add(new EmailNotifier(SmtpSettings.startTls(env.get("SMTP_HOST"), port,
          env.get("SMTP_USERNAME"), env.get("SMTP_PASSWORD"), env.get("SMTP_FROM"))));
    }
    notifiers.addAll(Arrays.asList(extra));
    if (notifiers.isEmpty()) {
      throw new ApprovalException("no approval channel configured; set SLACK_BOT_TOKEN + SLACK_CHANNEL,"
          + " SLACK_WEBHOOK_URL or SMTP_HOST + SMTP_FROM");
    }
    List<String> approvers = Arrays.stream(env.getOrDefault("APPROVERS", DEFAULT_APPROVER).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new ApprovalSetup(new ApprovalOptions(notifiers, ApprovalLinks.of(baseUrl, key), null, null),
        approvers, notifiers.stream().map(ApprovalNotifier::name).toList());
  }

  private static boolean set(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}
