package dev.durable.agents;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Factories for provider chat models with the SDK's own retries switched off: retries happen as
 * durable step retries instead (they hold no thread, honour Retry-After and are not multiplied by a
 * second retry layer).
 *
 * <pre>{@code
 * AiModel claude = AiModel.of("claude", ModelProviders.bedrock(BedrockOptions.of("us-east-1", CLAUDE)));
 * AiModel local = AiModel.of("llama", ModelProviders.ollama("http://localhost:11434", "llama3.2"));
 * AiModel gpt = AiModel.of("gpt", ModelProviders.openAiCompatible("https://api.openai.com/v1", key, "gpt-4o-mini"));
 * }</pre>
 *
 * <p>OpenAI-compatible and Ollama models need {@code langchain4j-open-ai} (plus
 * {@code langchain4j-http-client-jdk}) or {@code langchain4j-ollama} on the classpath; they are
 * optional dependencies of this module.
 */
public final class ModelProviders {
  private ModelProviders() {}

  /** A Bedrock Converse model (langchain4j-bedrock) on a client that never retries by itself. */
  public static ChatModel bedrock(BedrockOptions options) {
    Objects.requireNonNull(options, "options");
    BedrockRuntimeClientBuilder client = BedrockRuntimeClient.builder()
        .region(Region.of(options.region()))
        .credentialsProvider(options.credentials() != null ? options.credentials()
            : DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(options.timeout()));
    if (options.endpoint() != null) {
      client.endpointOverride(options.endpoint());
    }
    return BedrockChatModel.builder().client(client.build()).modelId(options.modelId()).maxRetries(0).build();
  }

  /** A model behind any OpenAI-compatible chat-completions endpoint. */
  public static ChatModel openAiCompatible(String baseUrl, String apiKey, String modelName) {
    require("baseUrl", baseUrl, "\"https://api.openai.com/v1\"");
    require("modelName", modelName, "\"gpt-4o-mini\"");
    requireClass("dev.langchain4j.model.openai.OpenAiChatModel", "dev.langchain4j:langchain4j-open-ai");
    return dev.langchain4j.model.openai.OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey)
        .modelName(modelName).maxRetries(0).timeout(Duration.ofMinutes(2)).build();
  }

  /**
   * The streaming variant of {@link #openAiCompatible} (server-sent events); streams do not retry by
   * themselves, so durable step retries are the only retries.
   */
  public static StreamingChatModel openAiCompatibleStreaming(String baseUrl, String apiKey, String modelName) {
    require("baseUrl", baseUrl, "\"https://api.openai.com/v1\"");
    require("modelName", modelName, "\"gpt-4o-mini\"");
    requireClass("dev.langchain4j.model.openai.OpenAiStreamingChatModel", "dev.langchain4j:langchain4j-open-ai");
    return dev.langchain4j.model.openai.OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey)
        .modelName(modelName).timeout(Duration.ofMinutes(2)).build();
  }

  /** A model served by Ollama. */
  public static ChatModel ollama(String baseUrl, String modelName) {
    require("baseUrl", baseUrl, "\"http://localhost:11434\"");
    require("modelName", modelName, "\"llama3.2\"");
    requireClass("dev.langchain4j.model.ollama.OllamaChatModel", "dev.langchain4j:langchain4j-ollama");
    return dev.langchain4j.model.ollama.OllamaChatModel.builder().baseUrl(baseUrl).modelName(modelName)
        .maxRetries(0).timeout(Duration.ofMinutes(2)).build();
  }

  private static void require(String field, String value, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing; pass one such as " + example);
    }
  }

  private static void requireClass(String className, String artifact) {
    try {
      Class.forName(className, false, ModelProviders.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AgentException(className + " is not on the classpath; add the dependency " + artifact, e);
    }
  }
}
