package dev.durable.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.approval.internal.Canonical;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Posts approval requests to Slack with Block Kit Approve and Reject buttons, over plain
 * {@code java.net.http} (no Slack SDK). Clicks arrive at the {@link ApprovalEndpoint}'s
 * {@code /slack/interactions}, verified with the app's signing secret. With the Web API the message
 * is replaced by the outcome once someone decided.
 *
 * <pre>{@code
 * new SlackNotifier(SlackSettings.webApi(System.getenv("SLACK_BOT_TOKEN"), "C0123APPROVALS"));
 * }</pre>
 */
public final class SlackNotifier implements ApprovalNotifier {
  private final SlackSettings settings;
  private final HttpClient http;

  public SlackNotifier(SlackSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public NotificationReceipt send(ApprovalMessage m, String idempotencyKey) throws IOException, InterruptedException {
    ObjectNode msg = Canonical.JSON.createObjectNode();
    msg.put("text", m.subject());
    msg.set("blocks", requestBlocks(m));
    if (!settings.usesWebApi()) {
      post(settings.webhookUrl(), msg, false);
      return new NotificationReceipt(name(), Map.of());
    }
    msg.put("channel", settings.channel());
    JsonNode reply = post(api("chat.postMessage"), msg, true);
    return new NotificationReceipt(name(), Map.of("channel", reply.path("channel").asText(settings.channel()),
        "ts", reply.path("ts").asText("")));
  }

  @Override
  public void decided(ApprovalMessage m, NotificationReceipt receipt, Decision d) throws IOException, InterruptedException {
    ObjectNode msg = Canonical.JSON.createObjectNode();
    String line = outcomeLine(d);
    msg.put("text", m.request().title() + ": " + line);
    ArrayNode blocks = msg.putArray("blocks");
    blocks.add(section("*" + mrkdwn(m.request().title()) + "*\n" + line));
    String ts = receipt.refs().get("ts");
    if (settings.usesWebApi() && ts != null && !ts.isEmpty()) {
      // replaces the buttons, so nobody clicks a request that is already closed
      msg.put("channel", receipt.refs().getOrDefault("channel", settings.channel()));
      msg.put("ts", ts);
      post(api("chat.update"), msg, true);
    } else if (settings.usesWebApi()) {
      msg.put("channel", settings.channel());
      post(api("chat.postMessage"), msg, true);
    } else {
      post(settings.webhookUrl(), msg, false);
    }
  }

  private static String outcomeLine(Decision d) {
    if (d instanceof Decision.TimedOut t) {
      return "Timed out at " + t.at() + " without a decision";
    }
    return (d.isApproved() ? "Approved" : "Rejected") + " by " + who(d.approver()) + " at " + d.at()
        + comment(d.comment());
  }

  private static String who(String approver) {
    // a mention only for what looks like a Slack user id; anything else is shown as escaped text
    return approver.matches("[UW][A-Z0-9]{2,20}") ? "<@" + approver + ">" : mrkdwn(approver);
  }

  private static String comment(String c) {
    return c == null ? "" : " — \u201c" + mrkdwn(c) + "\u201d";
  }

  /** The Block Kit message: header, details, facts, payload, and the two buttons. */
  static ArrayNode requestBlocks(ApprovalMessage m) {
    ApprovalRequest r = m.request();
    ArrayNode blocks = Canonical.JSON.createArrayNode();
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", clip(m.subject(), 150));
    if (!r.details().isBlank()) {
      blocks.add(section(clip(r.details(), 2900)));
    }
    ObjectNode facts = blocks.addObject().put("type", "context");
    facts.putArray("elements").addObject().put("type", "mrkdwn").put("text", clip("Requested by "
        + mrkdwn(r.requester()) + " · decide before " + m.deadline() + " · request `"
        + m.requestHash().substring(0, 12) + "`", 2900));
    blocks.add(section("```" + clip(r.payloadJson(), 2800).replace("```", "'''") + "```"));
    ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id", "decision");
    ArrayNode elements = actions.putArray("elements");
    String token = m.buttonToken();
    if (r.actions().contains(ApprovalRequest.Action.APPROVE)) {
      button(elements, "approve", "Approve", "primary", token);
    }
    if (r.actions().contains(ApprovalRequest.Action.REJECT)) {
      button(elements, "reject", "Reject", "danger", token);
    }
    return blocks;
  }

  private static void button(ArrayNode elements, String id, String label, String style, String token) {
    ObjectNode b = elements.addObject().put("type", "button").put("action_id", id).put("style", style)
        .put("value", token);
    b.putObject("text").put("type", "plain_text").put("text", label);
  }

  private static ObjectNode section(String mrkdwnText) {
    ObjectNode s = Canonical.JSON.createObjectNode().put("type", "section");
    s.putObject("text").put("type", "mrkdwn").put("text", mrkdwnText);
    return s;
  }

  /** Slack's three control characters; everything else in mrkdwn is harmless. */
  private static String mrkdwn(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private URI api(String method) {
    String base = settings.apiBase().toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + method);
  }

  private JsonNode post(URI url, ObjectNode body, boolean webApi) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(settings.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(Canonical.JSON.writeValueAsString(body)));
    if (webApi) {
      req.header("Authorization", "Bearer " + settings.botToken());
    }
    HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      // 429 and 5xx are worth a retry; the step's retry policy does it, durably
      throw new SlackException("Slack answered HTTP " + res.statusCode()
          + res.headers().firstValue("Retry-After").map(s -> " (Retry-After " + s + " s)").orElse("")
          + " to " + url.getPath() + ": " + clip(res.body(), 200));
    }
    if (!webApi) {
      return Canonical.JSON.createObjectNode();
    }
    JsonNode reply = Canonical.JSON.readTree(res.body());
    if (!reply.path("ok").asBoolean(false)) {
      throw new SlackException("Slack " + url.getPath() + " failed: " + reply.path("error").asText("unknown error")
          + " (check the bot token's scopes, chat:write, and that the bot is in the channel)");
    }
    return reply;
  }

  /** Slack refused or failed a call. */
  public static final class SlackException extends ApprovalException {
    public SlackException(String message) {
      super(message);
    }
  }
}
