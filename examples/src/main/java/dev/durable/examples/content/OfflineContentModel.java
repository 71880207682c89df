package dev.durable.examples.content;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Map;

/**
 * OFFLINE stand-ins for the content pipeline's models: answers computed from the prompt, so the same
 * request always gets the same plausible answer, in any order and after restarts. Not a language
 * model; it only knows this example's prompts and topics.
 *
 * <pre>{@code
 * ScriptedChatModel concise = OfflineContentModel.create(OfflineContentModel.Style.CONCISE);
 * }</pre>
 */
public final class OfflineContentModel {
  /** Which offline persona answers. */
  public enum Style {
    /** Research and judging. */
    ANALYST,
    /** A writer that leads with the problem. */
    CONCISE,
    /** A writer that leads with a story. */
    NARRATIVE
  }

  private static final Map<String, String> FACTS = Map.of(
      "checkpoint and replay", "- Each completed step's result is stored in a journal before the workflow moves on.\n"
          + "- After a crash the function runs again from the top, and completed steps return their stored results.\n"
          + "- Only the orchestration code must be deterministic; I/O and model calls belong in steps.",
      "human approval in workflows", "- A workflow can wait hours or days for a person without holding a thread.\n"
          + "- Signed, expiring links bind an approval to the exact request that was shown.\n"
          + "- Timeouts, reminders and escalation run on durable timers in the same run.",
      "cost of repeated llm calls", "- Re-running an agent after a crash repeats every model call made so far.\n"
          + "- Long agent loops can spend thousands of tokens per turn.\n"
          + "- Journaling each model answer means a resumed run pays only for the turns it has not made.");

  private OfflineContentModel() {}

  /** A fresh offline model with the given persona. */
  public static ScriptedChatModel create(Style style) {
    return ScriptedChatModel.builder().name("offline-scripted-" + style.name().toLowerCase(java.util.Locale.ROOT))
        .answer(r -> respond(style, r)).repeatLast().build();
  }

  static ChatResponse respond(Style style, ChatRequest request) {
    String system = request.messages().stream().filter(m -> m instanceof SystemMessage)
        .map(m -> ((SystemMessage) m).text()).findFirst().orElse("");
    String user = request.messages().stream().filter(m -> m instanceof UserMessage)
        .map(m -> ((UserMessage) m).singleText()).reduce("", (a, b) -> a + "\n" + b);
    String text;
    if (system.startsWith("Research")) {
      String topic = user.replaceFirst("(?s)^.*?Topic: ", "").lines().findFirst().orElse("").trim();
      text = FACTS.getOrDefault(topic.toLowerCase(java.util.Locale.ROOT),
          "- No reliable sources found offline for '" + topic + "'.");
    } else if (system.startsWith("Write")) {
      text = style == Style.NARRATIVE
          ? "At 2 a.m. the agent had already refunded a customer, drafted three replies and asked a manager for"
              + " approval - then the pod was rescheduled. With durable execution nothing was lost: every model"
              + " answer and tool result sat in a journal, so the restarted process replayed them in milliseconds"
              + " and carried on, waiting for the manager without holding a single thread. This article shows how"
              + " checkpoint-and-replay keeps long-running agents cheap, correct and resumable."
          : "AI agents fail in the middle: a deploy, a crash, a throttled model. Without durable execution the"
              + " whole loop starts over and every LLM call is paid again. Checkpoint-and-replay stores each"
              + " step's result in a journal; after a restart, completed steps return their stored results and"
              + " only new work runs. Human approvals become waits that hold no thread, bound to the exact"
              + " request by signed links. Here is how to build agents that survive restarts.";
    } else if (system.startsWith("Judge")) {
      // the concrete, problem-first draft wins for engineers: it names the mechanism and the cost
      boolean firstIsConcrete = user.contains("Draft 1:\nAI agents fail");
      text = "{\"best\":" + (firstIsConcrete ? 1 : 2) + ",\"scoreFirst\":" + (firstIsConcrete ? 8 : 7)
          + ",\"scoreSecond\":" + (firstIsConcrete ? 7 : 8) + ",\"reason\":\"it explains the mechanism and the"
          + " cost saving directly, which fits an audience of backend engineers\"}";
    } else {
      text = "I only know this example's prompts (offline scripted model).";
    }
    int in = request.messages().stream().mapToInt(m -> m.toString().length() / 4).sum();
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).finishReason(FinishReason.STOP)
        .modelName("offline-scripted-" + style.name().toLowerCase(java.util.Locale.ROOT))
        .tokenUsage(new TokenUsage(Math.max(1, in), Math.max(1, text.length() / 4))).build();
  }
}
