package dev.durable.agents.offline;

import dev.durable.agents.TokenCount;
import dev.durable.agents.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An OFFLINE, SCRIPTED chat model for demos and tests: it calls no provider and answers each call
 * with the next entry of its script, in order. It is not a language model; never wire it into
 * production. Token usage is estimated deterministically (about four characters per token), so
 * budgets behave in demos.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.builder()
 *     .toolCall(new ToolCall("c1", "lookupOrder", "{\"id\":\"o-7\"}"))
 *     .reply("Your order ships tomorrow.")
 *     .build();
 * AiModel offline = AiModel.of("offline", model);
 * }</pre>
 *
 * <p>It streams too: each scripted text is sent word by word. {@link #requests()} and
 * {@link #idempotencyKeys()} show what was asked, for assertions.
 */
public final class ScriptedChatModel implements ChatModel, StreamingChatModel {
  private final String name;
  private final List<Function<ChatRequest, ChatResponse>> script;
  private final List<ChatRequest> requests = new ArrayList<>();
  private final List<Object> keys = new ArrayList<>();
  private final boolean repeatLast;

  private ScriptedChatModel(String name, List<Function<ChatRequest, ChatResponse>> script, boolean repeatLast) {
    this.name = name;
    this.script = List.copyOf(script);
    this.repeatLast = repeatLast;
  }

  /** A builder of a script. */
  public static Builder builder() {
    return new Builder();
  }

  /** Answers the next script entry. */
  @Override
  public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
    synchronized (this) {
      keys.add(options == null ? null : options.listenerAttributes().get("dev.durable.idempotencyKey"));
    }
    return doChat(request);
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat(request, ChatRequestOptions.EMPTY);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    Function<ChatRequest, ChatResponse> next;
    synchronized (this) {
      int index = requests.size();
      requests.add(request);
      if (index >= script.size() && !(repeatLast && !script.isEmpty())) {
        throw new InvalidRequestException("ScriptedChatModel '" + name + "' has no reply left for call #"
            + (index + 1) + " (the script has " + script.size() + "); add replies to the script. Last message: "
            + ChatMessageSerializer.messageToJson(request.messages().get(request.messages().size() - 1)));
      }
      next = script.get(Math.min(index, script.size() - 1));
    }
    return next.apply(request);
  }

  @Override
  public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
    ChatResponse response;
    try {
      response = chat(request, options);
    } catch (RuntimeException e) {
      handler.onError(e);
      return;
    }
    String text = response.aiMessage().text();
    if (text != null) {
      String[] words = text.split("(?<= )");
      for (String word : words) {
        handler.onPartialResponse(word);
      }
    }
    handler.onCompleteResponse(response);
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    chat(request, ChatRequestOptions.EMPTY, handler);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return ChatModel.super.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return List.of();
  }

  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Set.of();
  }

  /** Every request received, in order. */
  public synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many calls were made. */
  public synchronized int calls() {
    return requests.size();
  }

  /** The durable step idempotency key each call carried (null if called outside a durable call). */
  public synchronized List<Object> idempotencyKeys() {
    return new ArrayList<>(keys);
  }

  /** Builds a script. */
  public static final class Builder {
    private final List<Function<ChatRequest, ChatResponse>> script = new ArrayList<>();
    private String name = "scripted";
    private boolean repeatLast;
    private TokenCount usage;

    private Builder() {}

    /** Reports {@code tokens} for the entries added after this call, instead of the estimate. */
    public Builder usage(TokenCount tokens) {
      this.usage = tokens;
      return this;
    }

    /** The name reported as the provider's model name (default "scripted"). */
    public Builder name(String newName) {
      this.name = Objects.requireNonNull(newName);
      return this;
    }

    /** Answers with {@code text}. */
    public Builder reply(String text) {
      TokenCount fixed = usage;
      return answer(request -> response(request, AiMessage.from(text), FinishReason.STOP, fixed));
    }

    /** Answers by calling these tools. */
    public Builder toolCall(ToolCall... calls) {
      List<ToolExecutionRequest> requests = java.util.Arrays.stream(calls).map(c -> ToolExecutionRequest.builder()
          .id(c.id()).name(c.name()).arguments(c.arguments()).build()).toList();
      TokenCount fixed = usage;
      return answer(request -> response(request, AiMessage.from(requests), FinishReason.TOOL_EXECUTION, fixed));
    }

    /** Answers an empty message (to test how callers cope). */
    public Builder empty(FinishReason reason) {
      TokenCount fixed = usage;
      return answer(request -> response(request, AiMessage.builder().build(), reason, fixed));
    }

    /** Throws {@code error} (a langchain4j or AWS exception, to test retries and fallbacks). */
    public Builder fail(RuntimeException error) {
      return answer(request -> {
        throw error;
      });
    }

    /** Answers with whatever {@code answer} computes from the request. */
    public Builder answer(Function<ChatRequest, ChatResponse> answer) {
      script.add(Objects.requireNonNull(answer));
      return this;
    }

    /** Keeps answering with the last entry once the script is used up (instead of failing). */
    public Builder repeatLast() {
      this.repeatLast = true;
      return this;
    }

    /** The model. */
    public ScriptedChatModel build() {
      return new ScriptedChatModel(name, script, repeatLast);
    }

    private ChatResponse response(ChatRequest request, AiMessage message, FinishReason reason,
        TokenCount fixed) {
      long in = fixed != null ? fixed.input() : request.messages().stream().mapToLong(ScriptedChatModel::estimate).sum();
      long out = fixed != null ? fixed.output() : message.text() == null ? 10 : Math.max(1, message.text().length() / 4);
      return ChatResponse.builder().aiMessage(message).finishReason(reason).modelName(name)
          .tokenUsage(new TokenUsage((int) in, (int) out)).build();
    }
  }

  private static long estimate(ChatMessage message) {
    return Math.max(1, ChatMessageSerializer.messageToJson(message).length() / 4);
  }

  @Override
  public String toString() {
    return "ScriptedChatModel[" + name + ", " + script.size() + " entries]";
  }
}
