package dev.durable.agents;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Objects;

/**
 * A langchain4j chat model under a stable id. The id is what the journal records as the model that
 * answered, so keep it stable across deployments (renaming it changes nothing on replay, but the
 * recorded id is what budgets and reports show).
 *
 * <pre>{@code
 * AiModel claude = AiModel.of("claude", ModelProviders.bedrock(BedrockOptions.of("us-east-1", CLAUDE_ID)))
 *     .withPrice(Price.perMillion(3.00, 15.00));
 * }</pre>
 *
 * @param id stable id, 1..64 characters
 * @param chat the blocking model
 * @param streaming the streaming variant, or null if the model is not used for streaming
 * @param price the price per million tokens (for cost budgets)
 */
public record AiModel(String id, ChatModel chat, StreamingChatModel streaming, Price price) {
  public AiModel {
    if (id == null || id.isBlank() || id.length() > 64) {
      throw new IllegalArgumentException("model id must be 1..64 characters, got '" + id
          + "'; pick a stable name such as \"claude\" or \"gpt-mini\"");
    }
    if (chat == null && streaming == null) {
      throw new IllegalArgumentException("model '" + id + "' needs a ChatModel or a StreamingChatModel");
    }
    price = price == null ? Price.FREE : price;
  }

  /** A blocking model, free of charge for budgets until {@link #withPrice} says otherwise. */
  public static AiModel of(String id, ChatModel chat) {
    return new AiModel(id, Objects.requireNonNull(chat, "chat"), null, Price.FREE);
  }

  /** A streaming model (used by {@link LlmCall#stream}). */
  public static AiModel streaming(String id, StreamingChatModel streaming) {
    return new AiModel(id, null, Objects.requireNonNull(streaming, "streaming"), Price.FREE);
  }

  /** A copy with a price. */
  public AiModel withPrice(Price newPrice) {
    return new AiModel(id, chat, streaming, newPrice);
  }

  /** A copy that can also stream. */
  public AiModel withStreaming(StreamingChatModel newStreaming) {
    return new AiModel(id, chat, newStreaming, price);
  }
}
