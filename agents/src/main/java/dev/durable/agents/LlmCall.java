package dev.durable.agents;

import dev.durable.agents.internal.ModelCaller;
import dev.durable.agents.internal.StructuredOutput;
import dev.durable.core.DurableContext;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One durable model call, configured fluently and run by a terminal method ({@link #call()},
 * {@link #text()}, {@link #call(Class)}, {@link #stream}). The call is one journaled step named after
 * the call: on replay the recorded answer comes back and no provider is called.
 *
 * <pre>{@code
 * Classification c = DurableAi.in(ctx).llm("classify")
 *     .model(claude).fallback(llama)
 *     .system("You triage support tickets.")
 *     .user(ticket.body())
 *     .call(Classification.class);
 * }</pre>
 *
 * <p>Structured calls derive a JSON schema from the record, ask natively where the model supports it
 * (else in the prompt), and re-ask up to {@link #maxReasks} times, showing the model the parse error;
 * each re-ask is its own step ({@code <name>-reask-<n>}).
 */
public final class LlmCall {
  private static final int DEFAULT_ATTEMPTS = 6;

  private final DurableContext ctx;
  private final String name;
  private final List<AiModel> models = new ArrayList<>();
  private final List<ChatMessage> messages = new ArrayList<>();
  private final List<ToolSpecification> tools = new ArrayList<>();
  private String system;
  private int maxAttempts = DEFAULT_ATTEMPTS;
  private int maxReasks = 2;
  private Double temperature;
  private Integer maxOutputTokens;

  LlmCall(DurableContext ctx, String name) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The model to call. */
  public LlmCall model(AiModel model) {
    Objects.requireNonNull(model, "model");
    if (models.isEmpty()) {
      models.add(model);
    } else {
      models.set(0, model);
    }
    return this;
  }

  /** Uses {@code setup}'s models (first one primary) and system prompt. */
  public LlmCall use(Llm setup) {
    models.clear();
    models.addAll(setup.models());
    if (setup.system() != null) {
      system = setup.system();
    }
    return this;
  }

  /** Models tried in order when the ones before them are throttled or down. */
  public LlmCall fallback(AiModel... more) {
    models.addAll(List.of(more));
    return this;
  }

  /** The system prompt. */
  public LlmCall system(String text) {
    this.system = text;
    return this;
  }

  /** Appends a user message. */
  public LlmCall user(String text) {
    messages.add(UserMessage.from(requireText("user", text)));
    return this;
  }

  /** Appends earlier messages (a conversation to continue). */
  public LlmCall messages(List<? extends ChatMessage> more) {
    messages.addAll(more);
    return this;
  }

  /**
   * Offers these tools to the model; the answer's {@link ModelResponse#toolCalls()} say which it
   * wants called (run them with {@link DurableAi#tool}, or let an {@link Agent} loop do it all).
   */
  public LlmCall tools(List<DurableTool> offered) {
    offered.forEach(t -> tools.add(t.specification()));
    return this;
  }

  /** Sampling temperature, if the model takes one. */
  public LlmCall temperature(double value) {
    this.temperature = value;
    return this;
  }

  /** A cap on the answer's length in tokens. */
  public LlmCall maxOutputTokens(int value) {
    this.maxOutputTokens = value;
    return this;
  }

  /** Durable attempts for throttling and 5xx (default 6); auth and validation errors never retry. */
  public LlmCall maxAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("maxAttempts of '" + name + "' must be >= 1, got " + attempts);
    }
    this.maxAttempts = attempts;
    return this;
  }

  /** How often a structured answer that does not parse is asked for again (default 2). */
  public LlmCall maxReasks(int reasks) {
    if (reasks < 0) {
      throw new IllegalArgumentException("maxReasks of '" + name + "' must be >= 0, got " + reasks);
    }
    this.maxReasks = reasks;
    return this;
  }

  /** Runs the call and returns the recorded answer. */
  public ModelResponse call() {
    return ModelCaller.call(ctx, name, models, request(conversation(), null), maxAttempts, null);
  }

  /** Runs the call and returns the answer's text (empty answers fail with a clear error). */
  public String text() {
    ModelResponse response = call();
    if (response.text() == null || response.text().isBlank()) {
      throw new AgentException("model call '" + name + "' got an empty answer (finish reason "
          + response.finishReason() + " from model '" + response.modelId() + "'); check the prompt or content filters");
    }
    return response.text();
  }

  /** Streams the answer's tokens to {@code onToken} while only the final answer is journaled. */
  public ModelResponse stream(Consumer<String> onToken) {
    return ModelCaller.call(ctx, name, models, request(conversation(), null), maxAttempts,
        Objects.requireNonNull(onToken, "onToken"));
  }

  /** Runs the call and parses the answer into {@code type}, re-asking on parse failures. */
  public <T> T call(Class<T> type) {
    JsonSchema schema = StructuredOutput.schemaOf(type);
    boolean nativeSchema = !models.isEmpty() && models.get(0).chat() != null
        && models.get(0).chat().supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    List<ChatMessage> conversation = conversation();
    if (!nativeSchema) {
      conversation.add(UserMessage.from(StructuredOutput.instruction(schema)));
    }
    String lastError = null;
    ModelResponse response = null;
    for (int round = 0; round <= maxReasks; round++) {
      String step = round == 0 ? name : name + "-reask-" + round;
      response = ModelCaller.call(ctx, step, models, request(conversation, nativeSchema ? schema : null),
          maxAttempts, null);
      try {
        return StructuredOutput.parse(response.text(), type);
      } catch (Exception e) {
        lastError = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        conversation.add(response.toAiMessage());
        conversation.add(UserMessage.from("Your answer could not be parsed as " + type.getSimpleName() + ": "
            + lastError + ". Answer again with only the JSON object."));
      }
    }
    throw new AgentException("model call '" + name + "': the answer never parsed as " + type.getName() + " after "
        + maxReasks + " re-asks; last error: " + lastError + "; last answer: " + abbreviate(response.text())
        + ". Simplify the record or raise maxReasks(...)");
  }

  private List<ChatMessage> conversation() {
    if (messages.isEmpty()) {
      throw new AgentException("model call '" + name + "' has no messages; add one with .user(\"...\")");
    }
    List<ChatMessage> all = new ArrayList<>();
    if (system != null && !system.isBlank()) {
      all.add(SystemMessage.from(system));
    }
    all.addAll(messages);
    return all;
  }

  private ChatRequest request(List<ChatMessage> conversation, JsonSchema schema) {
    ChatRequest.Builder b = ChatRequest.builder().messages(conversation).temperature(temperature)
        .maxOutputTokens(maxOutputTokens);
    if (!tools.isEmpty()) {
      b.toolSpecifications(tools);
    }
    if (schema != null) {
      b.responseFormat(StructuredOutput.format(schema));
    }
    return b.build();
  }

  private String requireText(String what, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("model call '" + name + "': the " + what + " message is empty");
    }
    return text;
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "…'";
  }
}
