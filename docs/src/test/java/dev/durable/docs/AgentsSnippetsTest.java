package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.Agent;
import dev.durable.agents.AgentResult;
import dev.durable.agents.AiModel;
import dev.durable.agents.Approver;
import dev.durable.agents.HumanApprover;
import dev.durable.agents.BedrockOptions;
import dev.durable.agents.Budget;
import dev.durable.agents.CallbackApprover;
import dev.durable.agents.DurableAi;
import dev.durable.agents.DurableTool;
import dev.durable.agents.ModelProviders;
import dev.durable.agents.Price;
import dev.durable.agents.TokenCount;
import dev.durable.agents.ToolCall;
import dev.durable.agents.ToolContext;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalMessage;
import dev.durable.approval.ApprovalNotifier;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.Approvals;
import dev.durable.approval.NotificationReceipt;
import dev.durable.approval.SigningKey;
import dev.durable.approval.TimeoutPolicy;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The snippets of docs/agents.md, run on the test kit with the offline scripted model. */
class AgentsSnippetsTest {

  record Ticket(String orderId, String body) {}

  record Classification(String category, boolean refund, int urgency) {}

  record Refund(String orderId, long cents) {}

  interface Payments {
    String refund(String orderId, long cents, String idempotencyKey);
  }

  final List<String> refunds = new CopyOnWriteArrayList<>();
  final Payments payments = (order, cents, key) -> {
    refunds.add(order + ":" + cents + ":" + key);
    return "refunded " + cents + " on " + order;
  };

  // snippet:toolObject
  public static final class OrderTools {
    @Tool("Looks up an order: status, amount and customer")
    public String lookupOrder(@P("the order id, e.g. o-7") String orderId) {
      return "order " + orderId + ": delivered, 42.00 EUR, customer c-9";
    }

    @Tool("Opens a ticket in the support queue")
    public String openTicket(@P("a one-line summary") String summary) {
      // the key is the same on every re-run of this call: the ticket system can drop duplicates
      return "ticket " + Math.abs((summary + ToolContext.current().idempotencyKey()).hashCode() % 1000);
    }
  }
  // end

  DurableTool refundTool() {
    // snippet:toolLambda
    DurableTool refund = DurableTool.of("refund", "Refunds part of an order, in cents", Refund.class,
            (args, tool) -> payments.refund(args.orderId(), args.cents(), tool.idempotencyKey()))
        .requiringApproval(Duration.ofDays(1));        // a human approves each exact call first
    // end
    return refund;
  }

  @Test
  void codeFirstModelCalls() {
    ScriptedChatModel scripted = ScriptedChatModel.builder()
        .reply("{\"category\":\"billing\",\"refund\":true,\"urgency\":4}")
        .reply("We are sorry about order o-7; a refund is on its way.")
        .build();
    AiModel claude = AiModel.of("claude", scripted);
    // snippet:llmCall
    DurableFunction<Ticket, String> triage = (ticket, ctx) -> {
      DurableAi ai = DurableAi.in(ctx);
      Classification c = ai.llm("classify").model(claude)               // one journaled step "classify"
          .system("Classify support tickets.")
          .user(ticket.body())
          .call(Classification.class);                                  // parsed into the record
      return ai.llm("reply").model(claude)
          .user("Write a short reply to a " + c.category() + " ticket: " + ticket.body())
          .text();
    };
    // end
    TestResult<String> done = DurableTestRunner.create(triage, Ticket.class, String.class)
        .runUntilComplete(new Ticket("o-7", "My order o-7 arrived broken, I want my money back"));
    assertThat(done.result()).isEqualTo("We are sorry about order o-7; a refund is on its way.");
    assertThat(done.operation("classify").status()).isNotNull();
    assertThat(scripted.calls()).isEqualTo(2);
  }

  @Test
  void anAgentWithAnApprovalRequiredToolPausesAndRunsTheToolOnce() {
    ScriptedChatModel scripted = ScriptedChatModel.builder()
        .toolCall(new ToolCall("c1", "lookupOrder", "{\"orderId\":\"o-7\"}"))
        .toolCall(new ToolCall("c2", "refund", "{\"orderId\":\"o-7\",\"cents\":4200}"))
        .reply("Refunded 42.00 EUR for order o-7.")
        .build();
    ScriptedChatModel throttled = ScriptedChatModel.builder().fail(new RateLimitException("slow down")).repeatLast()
        .build();
    AiModel claude = AiModel.of("claude", throttled);
    AiModel llama = AiModel.of("llama", scripted);
    DurableTool refund = refundTool();
    // snippet:agent
    Agent support = Agent.builder()
        .model(claude).fallback(llama)                    // the model that answered is journaled
        .system("You resolve support tickets. Look orders up before refunding.")
        .tools(DurableTool.fromObjects(new OrderTools()))
        .tools(refund)
        .maxTurns(8)
        .budget(Budget.tokens(50_000).andCost(0.50).askToContinue())
        .build();
    DurableFunction<Ticket, AgentResult> resolve = (ticket, ctx) ->
        support.run(ctx, "support", "Order " + ticket.orderId() + ": " + ticket.body());
    // end
    // snippet:approveTool
    var runner = DurableTestRunner.create(resolve, Ticket.class, AgentResult.class);
    TestResult<AgentResult> paused = runner.run(new Ticket("o-7", "arrived broken, refund please"));
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);      // waits, holding no thread
    assertThat(refunds).isEmpty();

    runner.completeCallback("approve-refund#c2", new CallbackApprover.Decision(true, "ann", "ok"));
    AgentResult done = runner.resume().result();
    assertThat(done.text()).isEqualTo("Refunded 42.00 EUR for order o-7.");
    assertThat(done.modelsUsed()).containsExactly("llama", "llama", "llama");   // claude was throttled
    assertThat(refunds).hasSize(1);
    // end
    assertThat(done.turns()).isEqualTo(3);
    assertThat(done.toolResults()).extracting(r -> r.toolName()).containsExactly("lookupOrder", "refund");
  }

  @Test
  void aBudgetPausesTheAgentForAnApproval() {
    ScriptedChatModel scripted = ScriptedChatModel.builder()
        .usage(new TokenCount(800, 400))
        .toolCall(new ToolCall("c1", "lookupOrder", "{\"orderId\":\"o-7\"}"))
        .reply("Order o-7 was delivered.")
        .build();
    AiModel haiku = AiModel.of("haiku", scripted).withPrice(Price.perMillion(0.80, 4.00));
    // snippet:budget
    Agent careful = Agent.builder().model(haiku).tools(DurableTool.fromObjects(new OrderTools()))
        .budget(Budget.tokens(1_000).askToContinue())   // checked before each model call
        .build();
    var runner = DurableTestRunner.create((DurableFunction<String, AgentResult>) (task, ctx) ->
        careful.run(ctx, "look", task), String.class, AgentResult.class);
    runner.run("Where is order o-7?");                  // turn 1 spent 1,200 tokens: pauses on "budget-1"
    runner.completeCallback("budget-1", new CallbackApprover.Decision(true, "ann", "one more"));
    AgentResult result = runner.resume().result();
    assertThat(result.ledger().tokens().total()).isEqualTo(2_400);
    // end
    assertThat(result.text()).isEqualTo("Order o-7 was delivered.");
    assertThat(result.ledger().costUsd()).isGreaterThan(0);
  }

  @Test
  void streamingSendsTokensAndJournalsOnlyTheAnswer() {
    ScriptedChatModel scripted = ScriptedChatModel.builder().reply("Hello there, friend.").build();
    AiModel claude = AiModel.of("claude", scripted).withStreaming(scripted);
    List<String> ui = new CopyOnWriteArrayList<>();
    // snippet:streaming
    DurableFunction<String, String> chat = (question, ctx) -> DurableAi.in(ctx).llm("answer")
        .model(claude).user(question)
        .stream(token -> ui.add(token))      // live tokens; a replay sends the recorded text at once
        .text();
    // end
    TestResult<String> done = DurableTestRunner.create(chat, String.class, String.class).runUntilComplete("hi");
    assertThat(done.result()).isEqualTo("Hello there, friend.");
    assertThat(ui).containsExactly("Hello ", "there, ", "friend.");
  }

  @Test
  void providersAreBuiltWithoutTheNetwork() {
    // snippet:providers
    ChatModel bedrock = ModelProviders.bedrock(BedrockOptions.of("us-east-1",
        "anthropic.claude-3-5-haiku-20241022-v1:0"));       // default AWS credentials chain
    AiModel claude = AiModel.of("claude", bedrock).withPrice(Price.perMillion(0.80, 4.00));
    // end
    assertThat(claude.id()).isEqualTo("claude");
    assertThat(claude.chat()).isSameAs(bedrock);
  }

  @Test
  void theScriptedModelAnswersInOrderAndThenFailsLoudly() {
    // snippet:scripted
    ScriptedChatModel offline = ScriptedChatModel.builder()
        .fail(new RateLimitException("throttled"))             // a durable step retry follows
        .toolCall(new ToolCall("c1", "lookupOrder", "{\"orderId\":\"o-7\"}"))
        .reply("Order o-7 was delivered yesterday.")
        .build();
    Agent agent = Agent.builder().model(AiModel.of("offline", offline))
        .tools(DurableTool.fromObjects(new OrderTools())).build();
    // end
    TestResult<String> done = DurableTestRunner.create((DurableFunction<String, String>) (task, ctx) ->
        agent.run(ctx, "ask", task).text(), String.class, String.class).runUntilComplete("where is o-7?");
    assertThat(done.result()).isEqualTo("Order o-7 was delivered yesterday.");
    assertThat(offline.calls()).isEqualTo(3);
    assertThat(done.operation("turn-1").attempts()).isEqualTo(2);
  }

  @Test
  void agentToolApprovalsThroughTheHumanApprovalModule() {
    List<ApprovalMessage> outbox = new CopyOnWriteArrayList<>();
    ApprovalNotifier email = new ApprovalNotifier() {
      @Override
      public String name() {
        return "email";
      }

      @Override
      public NotificationReceipt send(ApprovalMessage message, String idempotencyKey) {
        outbox.add(message);
        return new NotificationReceipt(name(), Map.of());
      }
    };
    ApprovalOptions approvalOptions = ApprovalOptions.of(ApprovalLinks.of(URI.create("https://approvals.example.com"),
        SigningKey.fromText("a-test-signing-key-of-at-least-32-bytes")), email);
    // snippet:humanApprover
    Approver humans = HumanApprover.of(approvalOptions, "lead@example.com") // email and/or Slack, signed links
        .requester("support-agent")
        .defaultTimeout(Duration.ofDays(7))          // when the tool does not set its own
        .onTimeout(TimeoutPolicy.autoReject());
    // end
    ScriptedChatModel scripted = ScriptedChatModel.builder()
        .toolCall(new ToolCall("c1", "refund", "{\"orderId\":\"o-7\",\"cents\":4200}"))
        .reply("Refund denied by the lead.")
        .build();
    Agent agent = Agent.builder().model(AiModel.of("m", scripted)).tools(refundTool()).approver(humans).build();
    var runner = DurableTestRunner.create((DurableFunction<String, AgentResult>) (task, ctx) ->
        agent.run(ctx, "support", task), String.class, AgentResult.class);
    runner.run("refund o-7");
    assertThat(outbox).singleElement().satisfies(m -> assertThat(m.request().title()).isEqualTo("Run tool refund"));
    runner.completeCallback("decision", Map.of("outcome", "REJECTED", "approver", "lead@example.com",
        "comment", "too much", "at", "2026-12-04T10:00:00Z", "channel", "web"));
    TestResult<AgentResult> done = runner.resume();
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(refunds).isEmpty();
    assertThat(done.result().toolResults()).singleElement().satisfies(r ->
        assertThat(r.text()).contains("rejected by lead@example.com: too much"));
  }

  @Test
  void theAgentSurvivesEveryCrashPoint() {
    List<String> seen = new ArrayList<>();
    // answers from the request, not from a script position: the explorer re-runs the agent many times
    AiModel m = AiModel.of("m", ScriptedChatModel.builder().answer(request -> {
      boolean toolsDone = request.messages().get(request.messages().size() - 1) instanceof ToolExecutionResultMessage;
      AiMessage answer = toolsDone ? AiMessage.from("done") : AiMessage.from(List.of(
          ToolExecutionRequest.builder().id("c1").name("lookupOrder").arguments("{\"orderId\":\"o-1\"}").build(),
          ToolExecutionRequest.builder().id("c2").name("openTicket").arguments("{\"summary\":\"late\"}").build()));
      return ChatResponse.builder().aiMessage(answer).build();
    }).repeatLast().build());
    Agent agent = Agent.builder().model(m).tools(DurableTool.fromObjects(new OrderTools())).build();
    CrashPointExplorer.explore((DurableFunction<String, String>) (task, ctx) -> {
      String text = agent.run(ctx, "a", task).text();
      seen.add(text);
      return text;
    }, String.class, String.class, "go").assertAllPassed();
    assertThat(seen).contains("done");
  }
}
