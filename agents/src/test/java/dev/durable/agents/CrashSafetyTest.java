package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.CrashPointExplorer.CrashReport;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The crash-point explorer crashes the run after every checkpoint and after every step body, resumes
 * it, and checks it ends like the uncrashed run. Here it also counts provider calls and tool side
 * effects over all of those runs.
 */
class CrashSafetyTest {
  record Triage(String category, int priority) {}

  record Outcome(Triage triage, String answer, int turns) {}

  /** Answers from the conversation, not from a script, so every re-run gets the same answers. */
  static final class ConversationModel implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChatResponse doChat(ChatRequest request) {
      calls.incrementAndGet();
      List<ChatMessage> messages = request.messages();
      ChatMessage last = messages.get(messages.size() - 1);
      AiMessage answer;
      if (request.toolSpecifications() == null || request.toolSpecifications().isEmpty()) {
        answer = AiMessage.from("{\"category\":\"refund\",\"priority\":1}");
      } else if (last instanceof ToolExecutionResultMessage) {
        answer = AiMessage.from("Refunded and checked: all done.");
      } else {
        answer = AiMessage.from(List.of(
            ToolExecutionRequest.builder().id("r1").name("refund").arguments("{\"orderId\":\"o-1\"}").build(),
            ToolExecutionRequest.builder().id("l1").name("lookup").arguments("{\"orderId\":\"o-1\"}").build()));
      }
      return ChatResponse.builder().aiMessage(answer).tokenUsage(new TokenUsage(50, 10)).build();
    }
  }

  record OrderId(String orderId) {}

  /** A payment API that is idempotent on the key it is given, like Stripe's. */
  static final class Payments {
    final Map<String, String> effects = new ConcurrentHashMap<>();
    final AtomicInteger executions = new AtomicInteger();

    String refund(String orderId, String idempotencyKey) {
      executions.incrementAndGet();
      effects.putIfAbsent(idempotencyKey, orderId);
      return "refund " + orderId + " ok";
    }
  }

  @Test
  void everyCrashPointResumesToTheSameOutcomeAndToolEffectsHappenOnce() {
    ConversationModel provider = new ConversationModel();
    Payments payments = new Payments();
    AtomicInteger lookups = new AtomicInteger();
    AiModel model = AiModel.of("m", provider);
    Agent agent = Agent.builder().model(model)
        .tools(DurableTool.of("refund", "Refund an order", OrderId.class,
                (a, tc) -> payments.refund(a.orderId(), tc.idempotencyKey())),
            DurableTool.of("lookup", "Look up an order", OrderId.class, (a, tc) -> {
              lookups.incrementAndGet();
              return "order " + a.orderId() + " found";
            }))
        .build();
    DurableFunction<String, Outcome> fn = (ticket, ctx) -> {
      DurableAi ai = DurableAi.in(ctx);
      Triage t = ai.llm("triage").model(model).user(ticket).call(Triage.class);
      AgentResult r = ai.agent("resolve", agent, "Resolve: " + ticket);
      return new Outcome(t, r.text(), r.turns());
    };

    CrashReport report = CrashPointExplorer.explore(fn, TypeToken.of(String.class), TypeToken.of(Outcome.class),
        "refund o-1 please", runner -> false).assertAllPassed();

    int runs = 1 + report.points().size();
    int modelCallsPerRun = 3;   // triage, turn-1 (two tool calls), turn-2
    int toolCallsPerRun = 2;
    assertThat(report.expected()).contains("Refunded and checked").contains("refund");
    assertThat(report.stepBodies()).isEqualTo(modelCallsPerRun + toolCallsPerRun);
    // After a crash at a checkpoint nothing is repeated. After a crash between a body and its
    // checkpoint that one body runs again (its result was never stored): once more per body crash point.
    assertThat(provider.calls.get()).isEqualTo(modelCallsPerRun * runs + modelCallsPerRun);
    assertThat(payments.executions.get() + lookups.get()).isEqualTo(toolCallsPerRun * runs + toolCallsPerRun);
    // ...and a re-run body carries the same idempotency key, so the refund took effect exactly once
    assertThat(payments.effects).hasSize(1);
  }
}
