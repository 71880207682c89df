package dev.durable.agents;

import java.util.List;

/**
 * How an agent run ended.
 *
 * @param text the final answer
 * @param turns model calls made (turns)
 * @param ledger tokens and dollars spent, from the journaled usage
 * @param modelsUsed the id of the model that answered each turn, in order (fallbacks show here)
 * @param toolResults every tool call's result, in order
 */
public record AgentResult(String text, int turns, Ledger ledger, List<String> modelsUsed,
    List<ToolResult> toolResults) {
  public AgentResult {
    modelsUsed = List.copyOf(modelsUsed);
    toolResults = List.copyOf(toolResults);
  }
}
