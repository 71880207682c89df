package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.approval.ApprovalEndpoint;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalMessage;
import dev.durable.approval.ApprovalNotifier;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.CallbackSink;
import dev.durable.approval.Decision;
import dev.durable.approval.EndpointConfig;
import dev.durable.approval.NotificationReceipt;
import dev.durable.approval.SigningKey;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agents' approvals through the human-approval module: an approval-required tool is asked
 * through a notifier with signed links, and decided by POSTing the link's token to the real
 * {@link ApprovalEndpoint} on the embedded runtime.
 */
class HumanApproverTest {
  static final SigningKey KEY = SigningKey.fromText("agents-human-approver-test-key-0123456789");

  record Refund(String orderId, long cents) {}

  /** Stands in for a mailbox: keeps every message a run sends. */
  static final class Inbox implements ApprovalNotifier {
    final BlockingQueue<ApprovalMessage> messages = new LinkedBlockingQueue<>();
    final List<Decision> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "inbox";
    }

    @Override
    public NotificationReceipt send(ApprovalMessage message, String idempotencyKey) {
      messages.add(message);
      return new NotificationReceipt("inbox", Map.of());
    }

    @Override
    public void decided(ApprovalMessage message, NotificationReceipt receipt, Decision decision) {
      outcomes.add(decision);
    }
  }

  final List<String> refunds = new CopyOnWriteArrayList<>();
  final Inbox inbox = new Inbox();

  Agent agent(ScriptedChatModel model, ApprovalLinks links) {
    DurableTool refund = DurableTool.of("issue_refund", "Refunds an order", Refund.class, (r, tc) -> {
      refunds.add(r.orderId() + ":" + r.cents());
      return "refunded " + r.cents();
    }).requiringApproval(Duration.ofHours(4));
    Approver humans = HumanApprover.of(ApprovalOptions.of(links, inbox), "lead@example.com")
        .requester("support-triage");
    return Agent.builder().model(AiModel.of("m", model)).tools(refund).approver(humans).build();
  }

  static ScriptedChatModel refundThenAnswer() {
    return ScriptedChatModel.builder()
        .toolCall(new ToolCall("t1", "issue_refund", "{\"orderId\":\"o-9\",\"cents\":40000}"))
        .answer(request -> dev.langchain4j.model.chat.response.ChatResponse.builder()
            .aiMessage(dev.langchain4j.data.message.AiMessage.from("Done: " + ((dev.langchain4j.data.message
                .ToolExecutionResultMessage) request.messages().get(request.messages().size() - 1)).text()))
            .build())
        .build();
  }

  @Test
  void approvedThroughTheEndpointWithASignedLinkRunsTheToolOnce() throws Exception {
    ScriptedChatModel model = refundThenAnswer();
    try (LocalRuntime rt = LocalRuntime.builder().store(new InMemoryExecutionStore(), new InMemoryLeaseStore())
            .pollInterval(Duration.ofMillis(20)).build();
        ApprovalEndpoint endpoint = ApprovalEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
            EndpointConfig.of(KEY, CallbackSink.of(rt::operations, rt::completeCallback)))) {
      ApprovalLinks links = ApprovalLinks.of(URI.create("http://127.0.0.1:" + endpoint.port()), KEY);
      Agent agent = agent(model, links);
      DurableFunction<String, AgentResult> fn = (task, ctx) -> agent.run(ctx, "triage", task);
      rt.register("triage", fn, String.class, AgentResult.class);
      rt.startWorker();
      String arn = rt.start("triage", "t-1", "refund o-9").executionArn();

      ApprovalMessage m = inbox.messages.poll(30, TimeUnit.SECONDS);
      assertThat(m).isNotNull();
      assertThat(m.request().title()).isEqualTo("Run tool issue_refund");
      assertThat(m.request().requester()).isEqualTo("support-triage");
      assertThat(m.request().payloadJson()).contains("\\\"cents\\\":40000").contains("agentRequestHash");
      assertThat(refunds).isEmpty();

      String link = m.pageUrl("lead@example.com", "approve");
      HttpResponse<String> posted = post(link.substring(0, link.indexOf('?')),
          "t=" + enc(token(link)) + "&action=approve&comment=" + enc("within policy"));
      assertThat(posted.statusCode()).isEqualTo(200);

      AgentResult done = rt.await(arn, AgentResult.class, Duration.ofSeconds(30));
      assertThat(done.text()).isEqualTo("Done: refunded 40000");
      assertThat(refunds).containsExactly("o-9:40000");
      assertThat(model.calls()).isEqualTo(2);
      assertThat(inbox.outcomes).singleElement().isInstanceOf(Decision.Approved.class);
      // a replayed link is refused: the first decision stands
      assertThat(post(link.substring(0, link.indexOf('?')), "t=" + enc(token(link)) + "&action=reject")
          .statusCode()).isEqualTo(409);
    }
  }

  DurableTestRunner<String, AgentResult> runner(ScriptedChatModel model) {
    Agent agent = agent(model, ApprovalLinks.of(URI.create("http://localhost:1"), KEY));
    DurableFunction<String, AgentResult> fn = (task, ctx) -> agent.run(ctx, "triage", task);
    return DurableTestRunner.create(fn, String.class, AgentResult.class);
  }

  @Test
  void rejectedMapsToARejectionTheModelIsToldAbout() {
    ScriptedChatModel model = refundThenAnswer();
    var runner = runner(model);
    assertThat(runner.run("refund o-9").status()).isEqualTo(ExecutionStatus.RUNNING);
    // what the endpoint sends on a reject (its flat verdict), through the callback
    runner.completeCallback("decision", Map.of("outcome", "REJECTED", "approver", "lead@example.com",
        "comment", "over the limit", "at", "2026-12-04T10:00:00Z", "channel", "web"));
    TestResult<AgentResult> done = runner.resume();
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(refunds).isEmpty();
    assertThat(done.result().text()).contains("rejected by lead@example.com: over the limit");
  }

  @Test
  void nobodyAnsweringIsATimeoutAndTheToolDoesNotRun() {
    ScriptedChatModel model = refundThenAnswer();
    var runner = runner(model);
    TestResult<AgentResult> done = runner.runUntilComplete("refund o-9");   // skips to the 4 h deadline
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(refunds).isEmpty();
    assertThat(done.result().text()).contains("not decided before the approval timed out");
    assertThat(inbox.outcomes).singleElement().isInstanceOf(Decision.TimedOut.class);
  }

  @Test
  void remindersThatFitBeforeTheDeadlineFireOnDurableTimers() {
    ScriptedChatModel model = refundThenAnswer();
    DurableTool refund = DurableTool.of("issue_refund", "Refunds an order", Refund.class, (r, tc) -> "refunded")
        .requiringApproval(Duration.ofHours(4));
    Approver humans = HumanApprover.of(ApprovalOptions.of(ApprovalLinks.of(URI.create("http://localhost:1"), KEY),
        inbox), "lead@example.com").reminders(Duration.ofHours(1), Duration.ofHours(8)); // 8 h is past the 4 h deadline
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(refund).approver(humans).build();
    DurableFunction<String, AgentResult> fn = (task, ctx) -> agent.run(ctx, "triage", task);
    DurableTestRunner.create(fn, String.class, AgentResult.class).runUntilComplete("refund o-9");
    assertThat(inbox.messages).extracting(ApprovalMessage::kind)
        .containsExactly(ApprovalMessage.Kind.REQUEST, ApprovalMessage.Kind.REMINDER);
  }

  @Test
  void aPipelineApprovalNodeAsksWithTheQuestionAsTitle() {
    Pipeline<String, String> p = Flow.from(String.class)
        .approval("publish-ok", s -> "Publish \"" + s + "\"?", Duration.ofHours(1), (s, d) -> s + ":" + d.describe())
        .approver(HumanApprover.of(ApprovalOptions.of(ApprovalLinks.of(URI.create("http://localhost:1"), KEY), inbox),
            "editor@example.com"))
        .build();
    var runner = DurableTestRunner.create(p, String.class, String.class);
    runner.run("Hello");
    assertThat(inbox.messages).singleElement().satisfies(m ->
        assertThat(m.request().title()).isEqualTo("Publish \"Hello\"?"));
    runner.completeCallback("decision", Map.of("outcome", "APPROVED", "approver", "editor@example.com",
        "at", "2026-12-04T10:00:00Z", "channel", "web"));
    assertThat(runner.resume().result()).isEqualTo("Hello:approved by editor@example.com");
  }

  static String token(String link) {
    String q = URI.create(link).getRawQuery();
    for (String p : q.split("&")) {
      if (p.startsWith("t=")) {
        return URLDecoder.decode(p.substring(2), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no token in " + link);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static HttpResponse<String> post(String url, String form) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
