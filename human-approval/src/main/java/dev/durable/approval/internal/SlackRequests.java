package dev.durable.approval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.approval.internal.HttpExchangeData.Request;
import dev.durable.approval.internal.HttpExchangeData.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * Slack interactivity requests: checks the v0 signature over the raw body and a five-minute
 * timestamp window (against replays), then decides with the clicking user as the approver.
 */
final class SlackRequests {
  /** Slack's documented replay window. */
  static final long WINDOW_SECONDS = 300;

  private final byte[] secret;
  private final Clock clock;

  SlackRequests(String signingSecret, Clock clock) {
    this.secret = signingSecret.trim().getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** {@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}. */
  static String sign(byte[] secret, String timestamp, String body) {
    return "v0=" + HexFormat.of().formatHex(Tokens.hmac(secret, "v0:" + timestamp + ":" + body));
  }

  Response handle(Request req, EndpointLogic logic) throws Forms.Malformed {
    String ts = req.header("x-slack-request-timestamp");
    String sig = req.header("x-slack-signature");
    if (ts == null || sig == null) {
      return Response.text(401, "missing Slack signature headers");
    }
    long when;
    try {
      when = Long.parseLong(ts.trim());
    } catch (NumberFormatException e) {
      return Response.text(401, "bad Slack timestamp");
    }
    if (Math.abs(clock.instant().getEpochSecond() - when) > WINDOW_SECONDS) {
      return Response.text(401, "stale Slack request (timestamp outside the 5-minute window)");
    }
    String body = req.bodyText();
    byte[] expected = sign(secret, ts.trim(), body).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, sig.trim().getBytes(StandardCharsets.UTF_8))) {
      return Response.text(401, "bad Slack signature");
    }
    Map<String, String> form = Forms.parse(body);
    JsonNode payload;
    try {
      payload = Canonical.JSON.readTree(form.getOrDefault("payload", ""));
    } catch (java.io.IOException e) {
      return Response.text(400, "payload is not JSON");
    }
    if (payload == null || !"block_actions".equals(payload.path("type").asText())) {
      return Response.text(400, "expected a block_actions payload");
    }
    JsonNode action = payload.path("actions").path(0);
    String actionId = action.path("action_id").asText("");
    String token = action.path("value").asText("");
    String user = payload.path("user").path("id").asText("");
    if (user.isEmpty()) {
      return Response.text(400, "payload names no user");
    }
    EndpointLogic.Checked c = logic.check(token, null, false);
    if (c.refusal() != null) {
      return Response.text(c.refusal().status(), "refused: " + c.refusal().status());
    }
    String verb = actionId.startsWith("approve") ? "approve" : actionId.startsWith("reject") ? "reject" : actionId;
    String comment = payload.path("state").path("values").path("comment").path("comment").path("value").asText(null);
    EndpointLogic.Outcome o = logic.decide(c, user, verb, comment, "slack");
    String json = Canonical.toJson(Map.of("response_type", "ephemeral", "replace_original", false, "text", o.text()));
    return Response.json(o.status(), json);
  }
}
