package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationType;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AgentTest {
  /** @Tool methods; refunds are idempotent on the step's key, like a real payment API. */
  static final class OrderTools {
    final Map<String, String> refunds = new ConcurrentHashMap<>();
    final List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Tool("Looks up an order by id")
    String lookupOrder(String id) {
      lookups.add(id);
      if (id.equals("missing")) {
        throw new IllegalStateException("no order " + id);
      }
      return "order " + id + ": 2 items, $40";
    }

    @Tool("Refunds an order")
    String refund(String orderId) {
      refunds.putIfAbsent(ToolContext.current().idempotencyKey(), orderId);
      return "refunded " + orderId;
    }
  }

  record Weather(String city) {}

  static ToolCall call(String id, String name, String args) {
    return new ToolCall(id, name, args);
  }

  static DurableFunction<String, AgentResult> running(Agent agent) {
    return (task, ctx) -> agent.run(ctx, "support", task);
  }

  @Test
  void theAgentCallsToolsAsStepsNamedAfterToolAndCallId() {
    OrderTools tools = new OrderTools();
    DurableTool weather = DurableTool.of("weather", "Weather in a city", Weather.class,
        (w, tc) -> w.city() + ": sunny (" + tc.callId() + ")");
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("c1", "lookupOrder", "{\"id\":\"o-7\"}"))
        .toolCall(call("c2", "weather", "{\"city\":\"Oslo\"}"))
        .reply("Order o-7 has 2 items; Oslo is sunny.")
        .build();
    Agent agent = Agent.builder().model(AiModel.of("m", model)).system("Help customers.")
        .tools(DurableTool.fromObjects(tools)).tools(weather).build();

    TestResult<AgentResult> r = DurableTestRunner.create(running(agent), String.class, AgentResult.class)
        .runUntilComplete("Where is o-7, and the weather in Oslo?");

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.result().text()).isEqualTo("Order o-7 has 2 items; Oslo is sunny.");
    assertThat(r.result().turns()).isEqualTo(3);
    assertThat(r.result().toolResults()).extracting(ToolResult::text)
        .containsExactly("order o-7: 2 items, $40", "Oslo: sunny (c2)");
    assertThat(r.operation("lookupOrder#c1").type()).isEqualTo(OperationType.STEP);
    assertThat(r.operation("weather#c2")).isNotNull();
    assertThat(r.operation("support").type()).isEqualTo(OperationType.CONTEXT);
    // the second turn's request carries the first tool's result
    assertThat(model.requests().get(1).messages()).last().isInstanceOf(ToolExecutionResultMessage.class);
    assertThat(model.requests().get(1).toolSpecifications()).extracting(s -> s.name())
        .containsExactlyInAnyOrder("lookupOrder", "refund", "weather");
  }

  @Test
  void badToolUseGoesBackToTheModelAndTheAgentRecovers() {
    OrderTools tools = new OrderTools();
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("c1", "lookupOrdr", "{\"id\":\"o-7\"}"))          // unknown tool
        .toolCall(call("c2", "lookupOrder", "{\"id\": o-7"))              // malformed JSON
        .toolCall(call("c3", "lookupOrder", "{\"id\":\"missing\"}"))      // the tool throws
        .reply("Sorry, I could not find it.")
        .build();
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(DurableTool.fromObjects(tools)).build();

    TestResult<AgentResult> r = DurableTestRunner.create(running(agent), String.class, AgentResult.class)
        .runUntilComplete("Where is my order?");

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<ToolResult> results = r.result().toolResults();
    assertThat(results).allMatch(ToolResult::error);
    assertThat(results.get(0).text()).contains("no tool named 'lookupOrdr'").contains("lookupOrder");
    assertThat(results.get(1).text()).contains("not a JSON object");
    assertThat(results.get(2).text()).contains("IllegalStateException").contains("no order missing");
    assertThat(tools.lookups).containsExactly("missing");
  }

  @Test
  void aToolSetToFailOnErrorFailsTheRun() {
    DurableTool broken = DurableTool.of("broken", "Always fails", Weather.class, (w, tc) -> {
      throw new IllegalArgumentException("down for maintenance");
    }).withOptions(ToolOptions.DEFAULTS.failOnError().withStepOptions(dev.durable.core.StepOptions.noRetry()));
    ScriptedChatModel model = ScriptedChatModel.builder().toolCall(call("c1", "broken", "{\"city\":\"x\"}")).build();
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(broken).build();

    TestResult<AgentResult> r = DurableTestRunner.create(running(agent), String.class, AgentResult.class)
        .runUntilComplete("go");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error().errorMessage()).contains("down for maintenance");
  }

  @Test
  void severalToolCallsInOneTurnRunAsParallelChildContexts() {
    OrderTools tools = new OrderTools();
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("a", "lookupOrder", "{\"id\":\"o-1\"}"), call("b", "lookupOrder", "{\"id\":\"o-2\"}"))
        .reply("Both found.")
        .build();
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(DurableTool.fromObjects(tools)).build();

    TestResult<AgentResult> r = DurableTestRunner.create(running(agent), String.class, AgentResult.class)
        .runUntilComplete("Find o-1 and o-2");

    assertThat(r.result().toolResults()).extracting(ToolResult::callId).containsExactly("a", "b");
    assertThat(r.operation("tools-1").type()).isEqualTo(OperationType.CONTEXT);
    assertThat(r.operation("lookupOrder#a")).isNotNull();
    assertThat(tools.lookups).containsExactlyInAnyOrder("o-1", "o-2");
  }

  @Test
  void theAgentStopsAtMaxTurns() {
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("c", "lookupOrder", "{\"id\":\"o-1\"}")).repeatLast().build();
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(DurableTool.fromObjects(new OrderTools()))
        .maxTurns(3).build();

    TestResult<AgentResult> r = DurableTestRunner.create(running(agent), String.class, AgentResult.class)
        .runUntilComplete("loop forever");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error().errorMessage()).contains("maxTurns=3");
    assertThat(model.calls()).isEqualTo(3);
  }

  @Test
  void theConversationIsAJournalOfTurnsNotASnapshotPerTurn() {
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("c", "lookupOrder", "{\"id\":\"o-1\"}")).repeatLast().build();
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(DurableTool.fromObjects(new OrderTools()))
        .maxTurns(8).build();

    TestResult<AgentResult> r = DurableTestRunner.create(running(agent), String.class, AgentResult.class)
        .runUntilComplete("loop");

    // every turn's entry holds that turn's answer only: the sizes stay flat while the conversation grows
    int first = r.operation("turn-1").resultJson().length();
    int last = r.operation("turn-8").resultJson().length();
    assertThat(last).isBetween(first - 4, first + 4);   // only the token counts' digits may differ
    assertThat(model.requests().get(7).messages()).hasSize(1 + 2 * 7);
  }

  @Test
  void aBudgetOverrunFailsTheRunAtTheSameTurnOnReplay() {
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("c", "lookupOrder", "{\"id\":\"o-1\"}")).repeatLast().build();
    Agent agent = Agent.builder().model(AiModel.of("m", model).withPrice(Price.perMillion(1000, 1000)))
        .tools(DurableTool.fromObjects(new OrderTools())).maxTurns(20).budget(Budget.cost(0.10)).build();
    DurableFunction<String, AgentResult> fn = (task, ctx) -> {
      ctx.wait("settle", Duration.ofSeconds(2));
      return agent.run(ctx, "support", task);
    };

    TestResult<AgentResult> r = DurableTestRunner.create(fn, String.class, AgentResult.class).runUntilComplete("go");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error().errorType()).isEqualTo(BudgetExceededException.class.getName());
    assertThat(r.error().errorMessage()).contains("over its budget").contains("$0.1");
    int turns = model.calls();
    assertThat(turns).isBetween(2, 19);
    assertThat(r.operations("turn-" + (turns + 1))).isEmpty();
  }

  @Test
  void aBudgetOfZeroIsRefusedWithAClearMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Budget.tokens(0))
        .hasMessageContaining("maxTokens > 0").hasMessageContaining("Budget.UNLIMITED");
  }

  static Agent budgeted(ScriptedChatModel model) {
    return Agent.builder().model(AiModel.of("m", model))
        .tools(DurableTool.fromObjects(new OrderTools())).budget(Budget.tokens(150).askToContinue()).build();
  }

  static ScriptedChatModel hundredTokensPerCall() {
    return ScriptedChatModel.builder().usage(new TokenCount(60, 40))
        .toolCall(call("c1", "lookupOrder", "{\"id\":\"o-1\"}"))
        .toolCall(call("c2", "lookupOrder", "{\"id\":\"o-2\"}"))
        .reply("done")
        .build();
  }

  @Test
  void anExhaustedBudgetPausesForApprovalAndContinuesWhenApproved() {
    ScriptedChatModel model = hundredTokensPerCall();
    var runner = DurableTestRunner.create(running(budgeted(model)), String.class, AgentResult.class);

    TestResult<AgentResult> paused = runner.runUntilComplete("go");
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);   // 200 of 150 tokens spent after two turns
    assertThat(model.calls()).isEqualTo(2);
    runner.completeCallback("budget-1", new CallbackApprover.Decision(true, "ann", "ok"));
    TestResult<AgentResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result().text()).isEqualTo("done");
    assertThat(done.result().ledger()).isEqualTo(new Ledger(3, new TokenCount(180, 120), 0.0));
    assertThat(model.calls()).isEqualTo(3);
  }

  @Test
  void aRejectedBudgetExtensionFailsTheRun() {
    ScriptedChatModel model = hundredTokensPerCall();
    var runner = DurableTestRunner.create(running(budgeted(model)), String.class, AgentResult.class);
    runner.runUntilComplete("go");
    runner.completeCallback("budget-1", new CallbackApprover.Decision(false, "bob", "too expensive"));
    TestResult<AgentResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorType()).isEqualTo(BudgetExceededException.class.getName());
    assertThat(done.error().errorMessage()).contains("rejected by bob: too expensive").contains("200 tokens");
    assertThat(model.calls()).isEqualTo(2);
  }

  @Test
  void oneApprovalCoversACallThatOvershotSeveralAllowances() {
    ScriptedChatModel model = hundredTokensPerCall();
    Agent agent = Agent.builder().model(AiModel.of("m", model))
        .tools(DurableTool.fromObjects(new OrderTools())).budget(Budget.tokens(40).askToContinue()).build();
    var runner = DurableTestRunner.create(running(agent), String.class, AgentResult.class);
    runner.runUntilComplete("go");
    runner.completeCallback("budget-1", new CallbackApprover.Decision(true, "ann", null));   // 100 of 40: 3 allowances
    TestResult<AgentResult> second = runner.resume();
    assertThat(model.calls()).isEqualTo(2);   // 120 covered one more call; at 200 it asks again
    assertThat(second.status()).isEqualTo(ExecutionStatus.RUNNING);
    runner.completeCallback("budget-2", new CallbackApprover.Decision(true, "ann", null));

    assertThat(runner.resume().result().text()).isEqualTo("done");
  }

  @Test
  void anAgentStreamsItsTurnsAndAFinishedRunReplaysItsAnswerOnce() {
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(call("c1", "lookupOrder", "{\"id\":\"o-1\"}"))
        .reply("Found it quickly.")
        .build();
    Agent agent = Agent.builder().model(AiModel.streaming("s", model))
        .tools(DurableTool.fromObjects(new OrderTools())).build();
    List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (task, ctx) -> {
      String text = agent.run(ctx, "agent", task, tokens::add).text();
      ctx.wait("pause", Duration.ofSeconds(2));
      return text;
    };
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("find o-1");

    assertThat(r.result()).isEqualTo("Found it quickly.");
    assertThat(tokens).containsExactly("Found ", "it ", "quickly.", "Found it quickly.");
    assertThat(model.calls()).isEqualTo(2);
  }
}
