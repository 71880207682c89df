package dev.durable.agents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.List;

/**
 * One model answer as the journal records it: replaying a run returns this instead of calling the
 * provider again. It carries everything later logic may depend on, so replay decides the same way.
 *
 * @param text the answer's text, or null when the model only called tools
 * @param toolCalls the tool calls the model asked for, in order
 * @param finishReason why the model stopped (langchain4j's {@code FinishReason} name), or null
 * @param tokens tokens used, as reported by the provider
 * @param modelId the id of the {@link AiModel} that answered (the fallback chain records its choice)
 * @param providerModel the model name the provider reported, or null
 */
public record ModelResponse(
    String text, List<ToolCall> toolCalls, String finishReason, TokenCount tokens, String modelId,
    String providerModel) {

  public ModelResponse {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    tokens = tokens == null ? TokenCount.ZERO : tokens;
  }

  /** True if the model asked for at least one tool call. */
  @JsonIgnore
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /** True if the answer has neither text nor tool calls. */
  @JsonIgnore
  public boolean isEmpty() {
    return (text == null || text.isBlank()) && toolCalls.isEmpty();
  }

  /** The answer as a langchain4j message, for the next turn's conversation. */
  public AiMessage toAiMessage() {
    if (toolCalls.isEmpty()) {
      return AiMessage.from(text == null ? "" : text);
    }
    List<ToolExecutionRequest> requests = toolCalls.stream()
        .map(c -> ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build())
        .toList();
    return text == null || text.isBlank() ? AiMessage.from(requests) : AiMessage.from(text, requests);
  }
}
