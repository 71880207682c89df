package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.testing.DurableTestRunner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Slack's Web API and webhook stood in by a local server; interactions posted back signed. */
class SlackApprovalTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ApprovalRequest request() {
    return ApprovalRequest.builder("Rotate the API key").details("Key leaked in a *public* gist.")
        .requester("secops-agent").payload(Map.of("key", "k-17")).approvers("U0LEAD", "lead@example.com")
        .timeout(Duration.ofHours(4)).build();
  }

  static String signature(String secret, long ts, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  static String interaction(String user, String actionId, String token) throws Exception {
    String payload = JSON.writeValueAsString(Map.of("type", "block_actions", "user", Map.of("id", user),
        "actions", java.util.List.of(Map.of("action_id", actionId, "value", token))));
    return "payload=" + Http.enc(payload);
  }

  static HttpResponse<String> postSlack(Stack stack, String body, long ts, String signature) {
    return Http.send(HttpRequest.newBuilder(URI.create(stack.base + "/slack/interactions"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", String.valueOf(ts)).header("X-Slack-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  @Test
  void blockKitButtonsThenASignedClickDecidesAndTheMessageIsUpdated() throws Exception {
    try (SlackStub slack = new SlackStub();
         Stack stack = new Stack(SlackApprovalTest::request,
             new SlackNotifier(SlackSettings.webApi("xoxb-test-token", "C0APPROVALS").withApiBase(slack.api())))) {
      String arn = stack.start("slack-1");
      Await.until("chat.postMessage", () -> !slack.calls("/chat.postMessage").isEmpty());
      SlackStub.Call post = slack.calls("/chat.postMessage").get(0);
      assertThat(post.authorization()).isEqualTo("Bearer xoxb-test-token");
      JsonNode msg = JSON.readTree(post.body());
      assertThat(msg.path("channel").asText()).isEqualTo("C0APPROVALS");
      JsonNode blocks = msg.path("blocks");
      assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
      assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Approval needed: Rotate the API key");
      JsonNode actions = blocks.get(blocks.size() - 1);
      assertThat(actions.path("type").asText()).isEqualTo("actions");
      assertThat(actions.path("elements")).hasSize(2);
      JsonNode approve = actions.path("elements").get(0);
      assertThat(approve.path("action_id").asText()).isEqualTo("approve");
      assertThat(approve.path("style").asText()).isEqualTo("primary");
      assertThat(actions.path("elements").get(1).path("style").asText()).isEqualTo("danger");
      String token = approve.path("value").asText();

      long now = Instant.now().getEpochSecond();
      // attacks first: each refused, nothing decided
      String good = interaction("U0LEAD", "approve", token);
      assertThat(postSlack(stack, good, now, signature("wrong-secret-wrong-secret", now, good)).statusCode()).isEqualTo(401);
      long stale = now - 301;
      assertThat(postSlack(stack, good, stale, signature(Stack.SLACK_SECRET, stale, good)).statusCode()).isEqualTo(401);
      String tampered = interaction("U0LEAD", "approve", token + "x");
      assertThat(postSlack(stack, tampered, now, signature(Stack.SLACK_SECRET, now, good)).statusCode()).isEqualTo(401);
      String mallory = interaction("U0MALLORY", "approve", token);
      assertThat(postSlack(stack, mallory, now, signature(Stack.SLACK_SECRET, now, mallory)).statusCode()).isEqualTo(403);
      String forged = interaction("U0LEAD", "approve", token.substring(0, token.length() - 2) + "AA");
      assertThat(postSlack(stack, forged, now, signature(Stack.SLACK_SECRET, now, forged)).statusCode()).isEqualTo(403);
      assertThat(stack.callback(arn).orElseThrow().status()).isEqualTo(OperationStatus.STARTED);

      HttpResponse<String> click = postSlack(stack, good, now, signature(Stack.SLACK_SECRET, now, good));
      assertThat(click.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(click.body()).path("text").asText()).startsWith("Approved by U0LEAD");
      assertThat(stack.runtime.await(arn, String.class, Duration.ofSeconds(30))).isEqualTo("DONE by U0LEAD");

      Await.until("chat.update", () -> !slack.calls("/chat.update").isEmpty());
      JsonNode update = JSON.readTree(slack.calls("/chat.update").get(0).body());
      assertThat(update.path("ts").asText()).isEqualTo("1733300000.000100");
      assertThat(update.path("blocks").toString()).contains("Approved by <@U0LEAD>").doesNotContain("\"actions\"");

      // a second click (another approver, same button) sees who decided
      HttpResponse<String> late = postSlack(stack, good, now, signature(Stack.SLACK_SECRET, now, good));
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(late.body()).contains("Already decided: Approved by U0LEAD");
    }
  }

  @Test
  void slackOutagesAreDurableStepRetriesAndTheWebhookGetsTheOutcome() throws Exception {
    try (SlackStub slack = new SlackStub()) {
      slack.failNext.set(2);
      SlackNotifier webhook = new SlackNotifier(SlackSettings.webhook(slack.webhook()));
      DurableTestRunner<String, String>[] holder = new DurableTestRunner[1];
      DurableFunction<String, String> fn = (in, ctx) -> Approvals.request(ctx, "approval", request(),
          ApprovalOptions.of(ApprovalLinks.of(URI.create("https://approvals.example.com"), Stack.KEY), webhook)
              .withClock(holder[0].clock())
              .withNotifyStep(StepOptions.defaults().withRetry(RetryPolicy.fixed(4, Duration.ofSeconds(30)))))
          .approver();
      holder[0] = DurableTestRunner.create(fn, String.class, String.class);
      var runner = holder[0];
      var waiting = runner.run("go");
      // the first attempt failed (503); the retry waits durably, so run on to the point the callback waits
      runner.advanceTime(Duration.ofSeconds(30));
      waiting = runner.resume();
      assertThat(slack.calls("/hook")).hasSize(4); // two 503s, delivered, then the outcome
      assertThat(JSON.readTree(slack.calls("/hook").get(2).body()).path("blocks").toString()).contains("\"actions\"");
      assertThat(waiting.status().isTerminal()).isTrue(); // resume() also skips the 4 h wait
      assertThat(slack.calls("/hook").get(3).body()).contains("Timed out");
    }
  }
}
