package dev.durable.agents.internal;

import dev.durable.agents.Agent;
import dev.durable.agents.AgentException;
import dev.durable.agents.AgentResult;
import dev.durable.agents.AiModel;
import dev.durable.agents.ApprovalDecision;
import dev.durable.agents.ApprovalRequest;
import dev.durable.agents.BudgetExceededException;
import dev.durable.agents.DurableTool;
import dev.durable.agents.Ledger;
import dev.durable.agents.ModelResponse;
import dev.durable.agents.Price;
import dev.durable.agents.ToolCall;
import dev.durable.agents.ToolResult;
import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.Branch;
import dev.durable.core.ChildContextFailedException;
import dev.durable.core.DurableContext;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent loop. Runs inside the agent's child context; everything it decides comes from journaled
 * values (model answers, tool results, approvals), so a replay takes the same path and rebuilds the
 * same conversation and ledger without calling anything.
 */
public final class AgentLoop {
  private static final int MAX_EMPTY_ANSWERS = 2;

  private AgentLoop() {}

  /** Runs {@code agent} on {@code task}; {@code onToken} (or null) gets each turn's streamed text. */
  public static AgentResult run(DurableContext ctx, String name, Agent agent, String task,
      java.util.function.Consumer<String> onToken) {
    List<ChatMessage> conversation = new ArrayList<>();
    if (agent.system() != null && !agent.system().isBlank()) {
      conversation.add(SystemMessage.from(agent.system()));
    }
    conversation.add(UserMessage.from(task));
    List<ToolSpecification> specs = agent.tools().values().stream().map(DurableTool::specification).toList();
    Ledger ledger = Ledger.EMPTY;
    int grants = 1;
    int budgetAsks = 0;
    int empties = 0;
    List<String> modelsUsed = new ArrayList<>();
    List<ToolResult> toolResults = new ArrayList<>();
    for (int turn = 1; turn <= agent.maxTurns(); turn++) {
      if (agent.budget().exceededBy(ledger, grants)) {
        grants = extendBudget(ctx, name, agent, ledger, grants, ++budgetAsks);
      }
      ChatRequest request = ChatRequest.builder().messages(conversation).toolSpecifications(specs).build();
      ModelResponse answer = ModelCaller.call(ctx, "turn-" + turn, agent.models(), request, agent.maxAttempts(), onToken);
      ledger = ledger.plus(answer.tokens(), priceOf(agent, answer.modelId()));
      modelsUsed.add(answer.modelId());
      if (answer.isEmpty()) {
        if ("CONTENT_FILTER".equals(answer.finishReason()) || ++empties >= MAX_EMPTY_ANSWERS) {
          throw new AgentException("agent '" + name + "' got " + (empties >= MAX_EMPTY_ANSWERS ? empties + " empty"
              : "a filtered") + " answer(s) at turn " + turn + " (finish reason " + answer.finishReason()
              + ", model '" + answer.modelId() + "'); check the prompt and the provider's content filters");
        }
        conversation.add(UserMessage.from("Your reply was empty. Answer the task, or call one of the tools."));
        continue;
      }
      empties = 0;
      conversation.add(answer.toAiMessage());
      if (!answer.hasToolCalls()) {
        return new AgentResult(answer.text(), turn, ledger, modelsUsed, toolResults);
      }
      for (ToolResult result : runTools(ctx, turn, agent, answer.toolCalls())) {
        toolResults.add(result);
        conversation.add(ToolExecutionResultMessage.from(result.callId(), result.toolName(), result.text()));
      }
    }
    throw new AgentException("agent '" + name + "' reached maxTurns=" + agent.maxTurns()
        + " without a final answer (it was still calling tools); raise maxTurns or narrow the task");
  }

  /**
   * The agent's own error type back from its child context's journaled failure, so callers can
   * catch {@link BudgetExceededException} or {@link AgentException} on the first run and on replay.
   */
  public static RuntimeException unwrap(ChildContextFailedException e) {
    String type = e.errorType();
    String message = e.error() == null ? e.getMessage() : e.error().errorMessage();
    if (BudgetExceededException.class.getName().equals(type)) {
      return new BudgetExceededException(message, null);
    }
    if (AgentException.class.getName().equals(type)) {
      return new AgentException(message, e);
    }
    return e;
  }

  private static int extendBudget(DurableContext ctx, String name, Agent agent, Ledger ledger, int grants,
      int ask) {
    String spent = ledger.tokens().total() + " tokens, $" + String.format(java.util.Locale.ROOT, "%.4f", ledger.costUsd())
        + " in " + ledger.calls() + " calls";
    String limit = (agent.budget().maxTokens() > 0 ? agent.budget().maxTokens() * grants + " tokens " : "")
        + (agent.budget().maxCostUsd() > 0 ? "$" + agent.budget().maxCostUsd() * grants : "");
    if (!agent.budget().pauseForApproval()) {
      throw new BudgetExceededException("agent '" + name + "' is over its budget (" + limit.trim() + "): spent "
          + spent + "; raise the Budget or use askToContinue() to pause for approval", ledger);
    }
    ApprovalDecision decision = agent.approver().decide(ctx, "budget-" + ask,
        new ApprovalRequest("budget", name, "spent " + spent + " of " + limit.trim()
            + "; approve to grant the same allowance again", null));
    if (!decision.approved()) {
      throw new BudgetExceededException("agent '" + name + "' is over its budget (" + limit.trim() + "): spent "
          + spent + "; the extension was " + decision.describe(), ledger);
    }
    // one approval always buys at least one more call, even if the last call overshot by several allowances
    int granted = grants + 1;
    while (agent.budget().exceededBy(ledger, granted)) {
      granted++;
    }
    return granted;
  }

  private static List<ToolResult> runTools(DurableContext ctx, int turn, Agent agent, List<ToolCall> calls) {
    if (calls.size() == 1 || !agent.parallelTools()) {
      List<ToolResult> results = new ArrayList<>();
      for (ToolCall call : calls) {
        results.add(ToolRunner.run(ctx, call, agent.tools(), agent.approver()));
      }
      return results;
    }
    List<Branch<ToolResult>> branches = calls.stream()
        .map(call -> Branch.<ToolResult>of(Names.of(call.name() + "#" + call.id()),
            c -> ToolRunner.run(c, call, agent.tools(), agent.approver())))
        .toList();
    BatchResult<ToolResult> batch = ctx.parallel("tools-" + turn, ToolResult.class, branches, BatchOptions.defaults());
    return batch.throwIfError().results();
  }

  private static Price priceOf(Agent agent, String modelId) {
    return agent.models().stream().filter(m -> m.id().equals(modelId)).map(AiModel::price).findFirst()
        .orElse(Price.FREE);
  }
}
