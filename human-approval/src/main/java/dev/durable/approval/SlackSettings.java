package dev.durable.approval;

import java.net.URI;
import java.time.Duration;

/**
 * How {@link SlackNotifier} posts: through the Web API ({@code chat.postMessage}, which lets the
 * message be updated after the decision) or an incoming webhook (post only).
 *
 * <pre>{@code
 * SlackSettings.webApi(System.getenv("SLACK_BOT_TOKEN"), "C0123APPROVALS");
 * SlackSettings.webhook(URI.create(System.getenv("SLACK_WEBHOOK_URL")));
 * }</pre>
 *
 * @param botToken a bot token ({@code xoxb-...}) for the Web API, or null for a webhook
 * @param channel the channel id for the Web API, or null for a webhook
 * @param webhookUrl the incoming-webhook URL, or null for the Web API
 * @param apiBase the Web API's base URL (https://slack.com/api; a stub in tests)
 * @param timeout request timeout
 */
public record SlackSettings(String botToken, String channel, URI webhookUrl, URI apiBase, Duration timeout) {
  public SlackSettings {
    boolean api = botToken != null || channel != null;
    if (api == (webhookUrl != null)) {
      throw new ApprovalException("Slack needs either a bot token and channel (Web API) or a webhook URL, not "
          + (api ? "both" : "neither"));
    }
    if (api) {
      Checks.text("Slack botToken", botToken, 256, "the app's Bot User OAuth Token (xoxb-...)");
      Checks.text("Slack channel", channel, 80, "a channel id such as C0123456789");
    }
    apiBase = apiBase == null ? URI.create("https://slack.com/api") : apiBase;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  /** Posts with {@code chat.postMessage} and updates with {@code chat.update}. */
  public static SlackSettings webApi(String botToken, String channel) {
    return new SlackSettings(botToken, channel, null, null, null);
  }

  /** Posts to an incoming webhook (the outcome is posted as a follow-up message). */
  public static SlackSettings webhook(URI url) {
    return new SlackSettings(null, null, url, null, null);
  }

  /** A copy talking to another Web API base URL. */
  public SlackSettings withApiBase(URI base) {
    return new SlackSettings(botToken, channel, webhookUrl, base, timeout);
  }

  boolean usesWebApi() {
    return webhookUrl == null;
  }

  @Override
  public String toString() {
    return "SlackSettings[" + (usesWebApi() ? "web API, channel " + channel : "webhook") + "]";
  }
}
