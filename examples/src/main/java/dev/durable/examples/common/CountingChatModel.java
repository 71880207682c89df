package dev.durable.examples.common;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls that reach a provider, whichever it is (Bedrock or the offline model), so the
 * demo can print provider calls next to the journal's model steps.
 *
 * <pre>{@code
 * CountingChatModel counted = new CountingChatModel(ModelProviders.bedrock(options));
 * int paid = counted.calls();
 * }</pre>
 */
public final class CountingChatModel implements ChatModel {
  private final ChatModel delegate;
  private final AtomicInteger calls = new AtomicInteger();

  /** Counts the calls to {@code delegate}. */
  public CountingChatModel(ChatModel delegate) {
    this.delegate = delegate;
  }

  /** Calls made so far. */
  public int calls() {
    return calls.get();
  }

  @Override
  public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
    calls.incrementAndGet();
    return delegate.chat(request, options);
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat(request, ChatRequestOptions.EMPTY);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    return chat(request, ChatRequestOptions.EMPTY);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }
}
