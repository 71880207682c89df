package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.agent.tool.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Code-first use: plain Java control flow with durable calls that return typed values. */
class DurableAiTest {
  record Ticket(String orderId, String body) {}

  record Classification(String category, boolean refund) {}

  record Refund(String orderId) {}

  final Map<String, String> refunds = new ConcurrentHashMap<>();

  final DurableTool refund = DurableTool.of("refund", "Refunds an order", Refund.class, (r, tc) -> {
    refunds.putIfAbsent(tc.idempotencyKey(), r.orderId());
    return "refunded " + r.orderId();
  }).requiringApproval(null);

  DurableFunction<Ticket, String> triage(AiModel model) {
    return (ticket, ctx) -> {
      DurableAi ai = DurableAi.in(ctx);
      Classification c = ai.llm("classify").model(model).system("Classify tickets.").user(ticket.body())
          .call(Classification.class);
      if (!c.refund()) {
        return "no refund";
      }
      ToolResult r = ai.tool("refund-1", refund, new Refund(ticket.orderId()));
      return r.error() ? "not refunded: " + r.text() : r.text();
    };
  }

  static AiModel classifier() {
    return AiModel.of("m", ScriptedChatModel.builder().reply("{\"category\":\"billing\",\"refund\":true}")
        .repeatLast().build());
  }

  @Test
  void aDirectToolCallWaitsForItsApprovalThenRunsOnce() {
    var runner = DurableTestRunner.create(triage(classifier()), Ticket.class, String.class);
    TestResult<String> paused = runner.runUntilComplete(new Ticket("o-4", "charged twice"));
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);
    runner.completeCallback("approve-refund#refund-1", new CallbackApprover.Decision(true, "ann", null));
    TestResult<String> done = runner.resume();

    assertThat(done.result()).isEqualTo("refunded o-4");
    assertThat(done.operation("refund#refund-1")).isNotNull();
    assertThat(refunds).containsValue("o-4").hasSize(1);
  }

  @Test
  void aCodeFirstWorkflowWithAnApprovedToolSurvivesEveryCrashPoint() {
    CrashPointExplorer.explore(triage(classifier()), TypeToken.of(Ticket.class), TypeToken.of(String.class),
        new Ticket("o-4", "charged twice"), runner -> {
          try {
            runner.completeCallback("approve-refund#refund-1", new CallbackApprover.Decision(true, "ann", null));
            return true;
          } catch (RuntimeException alreadyDecided) {
            return false;
          }
        }).assertAllPassed();
    assertThat(refunds).hasSize(1);   // the refund took effect once over every crashed and resumed run
  }

  @Test
  void anApprovalStepReturnsTheDecision() {
    DurableFunction<String, String> fn = (q, ctx) ->
        DurableAi.in(ctx).approval("go-live", q, Duration.ofMinutes(30)).describe();
    var runner = DurableTestRunner.create(fn, String.class, String.class);
    runner.run("Deploy?");
    runner.completeCallback("go-live", new CallbackApprover.Decision(false, "ops", "freeze"));

    assertThat(runner.resume().result()).isEqualTo("rejected by ops: freeze");
  }

  static final class Plain {
    public String notATool() {
      return "";
    }
  }

  static final class Tools {
    @Tool("Adds")
    int add(int a, int b) {
      return a + b;
    }
  }

  @Test
  void toolDefinitionsAreCheckedWithClearMessages() throws Exception {
    assertThatThrownBy(() -> DurableTool.fromObjects(new Plain())).hasMessageContaining("no @Tool methods");
    assertThatThrownBy(() -> DurableTool.of("bad name!", "x", Refund.class, (r, tc) -> "")).hasMessageContaining(
        "'bad name!' must be 1..64 letters");
    List<DurableTool> tools = DurableTool.fromObjects(new Tools());
    assertThat(tools).singleElement().extracting(DurableTool::name).isEqualTo("add");
    assertThat(tools.get(0).specification().parameters().properties()).containsKeys("a", "b");
    assertThat(tools.get(0).execute("{\"a\":2,\"b\":3}", new ToolContext("add", "c", "key", 1))).isEqualTo("5");
    assertThatThrownBy(ToolContext::current).hasMessageContaining("only available inside a durable tool call");
  }
}
