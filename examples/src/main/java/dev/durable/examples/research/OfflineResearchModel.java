package dev.durable.examples.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * OFFLINE stand-ins for the research agent's two models. Both follow the same research plan,
 * decided by how many tool results the conversation already has (search, read, read, search, read,
 * report), so any process gives the same answers; the PRIMARY one is throttled (a simulated
 * {@link RateLimitException}) once the conversation has two tool results, which makes the agent
 * fall back. Each turn reports 1,400 input and 100 output tokens, so budgets pause predictably.
 *
 * <pre>{@code
 * AiModel primary = AiModel.of("primary", OfflineResearchModel.primary());
 * AiModel fallback = AiModel.of("fallback", OfflineResearchModel.fallback());
 * }</pre>
 */
public final class OfflineResearchModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OfflineResearchModel() {}

  /** The primary model: throttled from the third turn on. */
  public static ScriptedChatModel primary() {
    return ScriptedChatModel.builder().name("offline-scripted-primary").answer(r -> {
      if (results(r).size() >= 2) {
        throw new RateLimitException("simulated throttling (offline demo): the primary model is over its quota");
      }
      return respond(r, "offline-scripted-primary");
    }).repeatLast().build();
  }

  /** The fallback model. */
  public static ScriptedChatModel fallback() {
    return ScriptedChatModel.builder().name("offline-scripted-fallback")
        .answer(r -> respond(r, "offline-scripted-fallback")).repeatLast().build();
  }

  static ChatResponse respond(ChatRequest request, String name) {
    List<ToolExecutionResultMessage> results = results(request);
    int k = results.size();
    String id = "call_" + (k + 1);
    return switch (k) {
      case 0 -> tool(name, id, "search", "{\"query\":\"durable execution journal replay\"}");
      case 1 -> tool(name, id, "read", "{\"url\":\"" + url(results.get(0), 0) + "\"}");
      case 2 -> tool(name, id, "read", "{\"url\":\"" + url(results.get(0), 1) + "\"}");
      case 3 -> tool(name, id, "search", "{\"query\":\"agents model calls restarting costs\"}");
      case 4 -> tool(name, id, "read", "{\"url\":\"" + url(results.get(3), 0) + "\"}");
      default -> text(name, report(request));
    };
  }

  private static String report(ChatRequest request) {
    return "Durable execution makes agent restarts cheap. It journals every step, and a restarted process"
        + " replays the journal so completed steps are not run again"
        + " (https://docs.example.org/durable-execution). Managed offerings such as Lambda durable functions"
        + " can wait for callbacks for up to a year without paying for idle compute"
        + " (https://docs.example.org/lambda-durable-functions). This matters because agents make 6 to 14"
        + " model calls per ticket, and a restart without a journal repeats about 5 paid calls on average"
        + " (https://blog.example.org/agent-costs). Recommendation: journal every model and tool call, and"
        + " keep only orchestration logic outside steps.";
  }

  private static List<ToolExecutionResultMessage> results(ChatRequest request) {
    List<ToolExecutionResultMessage> out = new ArrayList<>();
    request.messages().forEach(m -> {
      if (m instanceof ToolExecutionResultMessage t) {
        out.add(t);
      }
    });
    return out;
  }

  private static String url(ToolExecutionResultMessage searchResult, int index) {
    try {
      var urls = JSON.readTree(searchResult.text());
      return urls.size() > index ? urls.get(index).asText() : urls.get(0).asText();
    } catch (Exception e) {
      return "https://docs.example.org/durable-execution"; // the search said nothing usable
    }
  }

  private static ChatResponse tool(String name, String id, String tool, String args) {
    return ChatResponse.builder().aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder().id(id).name(tool)
        .arguments(args).build()))).finishReason(FinishReason.TOOL_EXECUTION).modelName(name)
        .tokenUsage(new TokenUsage(1_400, 100)).build();
  }

  private static ChatResponse text(String name, String text) {
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).finishReason(FinishReason.STOP).modelName(name)
        .tokenUsage(new TokenUsage(1_400, 100)).build();
  }
}
