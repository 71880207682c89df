package dev.durable.agents.internal;

import dev.durable.agents.AgentException;
import dev.durable.agents.AiModel;
import dev.durable.agents.ModelResponse;
import dev.durable.agents.ProviderException;
import dev.durable.agents.TokenCount;
import dev.durable.agents.ToolCall;
import dev.durable.core.DurableContext;
import dev.durable.core.StepContext;
import dev.durable.core.StepOptions;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes one model call as one durable step: the request goes out only while the step runs live;
 * the journaled {@link ModelResponse} is what every replay gets back.
 */
public final class ModelCaller {
  /** The listener attribute under which a model call passes its step's idempotency key. */
  public static final String IDEMPOTENCY_KEY_ATTRIBUTE = "dev.durable.idempotencyKey";

  private static final long STREAM_TIMEOUT_MINUTES = 15;

  private ModelCaller() {}

  /**
   * Calls the first model of {@code chain} that answers; a retryable failure moves on to the next
   * model, and if all fail retryably the step is retried durably.
   *
   * @param onToken null for a blocking call; else the call streams and each token goes here (on
   *     replay the recorded text arrives in one piece)
   */
  public static ModelResponse call(DurableContext ctx, String stepName, List<AiModel> chain, ChatRequest request,
      int maxAttempts, Consumer<String> onToken) {
    if (chain.isEmpty()) {
      throw new AgentException("model call '" + stepName + "' has no model; set one with .model(...)");
    }
    AtomicBoolean ranLive = new AtomicBoolean();
    ModelResponse response = ctx.step(stepName, ModelResponse.class, s -> {
      ranLive.set(true);
      return callChain(stepName, chain, request, s, onToken);
    }, StepOptions.defaults().withRetry(ModelRetry.policy(maxAttempts)));
    if (onToken != null && !ranLive.get() && response.text() != null) {
      onToken.accept(response.text());
    }
    return response;
  }

  private static ModelResponse callChain(String stepName, List<AiModel> chain, ChatRequest request, StepContext step,
      Consumer<String> onToken) {
    ProviderException last = null;
    for (AiModel model : chain) {
      try {
        ChatResponse raw = onToken == null ? blocking(model, request, step) : streaming(model, request, step, onToken);
        return toResponse(raw, model.id());
      } catch (RuntimeException e) {
        ProviderException classified = ProviderErrors.classify(model.id(), e);
        if (!classified.retryable()) {
          throw classified;
        }
        step.logger().warn("model call '" + stepName + "': " + classified.getMessage()
            + (model == chain.get(chain.size() - 1) ? "" : "; trying the next model"));
        last = classified;
      }
    }
    throw last;
  }

  private static ChatResponse blocking(AiModel model, ChatRequest request, StepContext step) {
    if (model.chat() == null) {
      throw new ProviderException("model '" + model.id() + "' has no blocking ChatModel; give it one with"
          + " AiModel.of(id, chatModel)", false, null, 0, null);
    }
    return model.chat().chat(request, options(step));
  }

  private static ChatResponse streaming(AiModel model, ChatRequest request, StepContext step,
      Consumer<String> onToken) {
    if (model.streaming() == null) {
      // a fallback without streaming still answers; the listener then gets the text at once
      ChatResponse whole = blocking(model, request, step);
      if (whole.aiMessage().text() != null) {
        onToken.accept(whole.aiMessage().text());
      }
      return whole;
    }
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.streaming().chat(request, options(step), new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String token) {
        onToken.accept(token);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    try {
      return done.get(STREAM_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new ProviderException("streaming call to model '"
          + model.id() + "' failed: " + e.getCause(), true, null, 0, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("streaming call to model '" + model.id() + "' was interrupted", true, null, 0, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ProviderException("streaming call to model '" + model.id() + "' did not finish within "
          + STREAM_TIMEOUT_MINUTES + " minutes", true, null, 0, e);
    }
  }

  private static ChatRequestOptions options(StepContext step) {
    return ChatRequestOptions.builder().addListenerAttribute(IDEMPOTENCY_KEY_ATTRIBUTE, step.idempotencyKey()).build();
  }

  /** The journal form of a provider response. */
  public static ModelResponse toResponse(ChatResponse raw, String modelId) {
    AiMessage message = raw.aiMessage();
    List<ToolCall> calls = message.hasToolExecutionRequests()
        ? java.util.stream.IntStream.range(0, message.toolExecutionRequests().size()).mapToObj(i -> {
            var r = message.toolExecutionRequests().get(i);
            // some providers (Ollama) send no call ids; the journal needs one to name the tool's step
            String id = r.id() == null || r.id().isBlank() ? "call-" + (i + 1) : r.id();
            return new ToolCall(id, r.name(), r.arguments());
          }).toList()
        : List.of();
    TokenUsage usage = raw.tokenUsage();
    TokenCount tokens = usage == null ? TokenCount.ZERO : new TokenCount(
        usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    String finish = raw.finishReason() == null ? null : raw.finishReason().name();
    return new ModelResponse(message.text(), calls, finish, tokens, modelId, raw.modelName());
  }
}
