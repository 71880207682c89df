package dev.durable.examples.common;

import dev.durable.agents.AiModel;
import dev.durable.agents.BedrockOptions;
import dev.durable.agents.ModelProviders;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which model the examples use: Amazon Bedrock when a model id, a region and AWS credentials are
 * configured in the environment, otherwise the example's offline scripted model. Both are wrapped
 * in a {@link CountingChatModel}, and {@link #description()} says which one runs.
 *
 * <pre>{@code
 * Models m = Models.fromEnvironment(System.getenv(), OfflineSupportModel::create);
 * System.out.println("Model: " + m.description());
 * }</pre>
 *
 * @param model the model for the examples
 * @param counter counts its provider calls
 * @param description one line: which model, and why
 */
public record Models(AiModel model, CountingChatModel counter, String description) {
  /** Environment variable naming the Bedrock model id (e.g. {@code anthropic.claude-3-5-haiku-20241022-v1:0}). */
  public static final String BEDROCK_MODEL = "DURABLE_BEDROCK_MODEL";

  /** Bedrock if {@value #BEDROCK_MODEL}, {@code AWS_REGION} and credentials are set; else {@code offline}. */
  public static Models fromEnvironment(Map<String, String> env, Supplier<ChatModel> offline) {
    String modelId = env.get(BEDROCK_MODEL);
    String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    if (blank(modelId)) {
      return offline(offline, "no " + BEDROCK_MODEL + " set");
    }
    if (blank(region) || !hasCredentials(env)) {
      return offline(offline, BEDROCK_MODEL + " is set but " + (blank(region) ? "AWS_REGION is not"
          : "no AWS credentials are (AWS_ACCESS_KEY_ID, AWS_PROFILE or ~/.aws/credentials)"));
    }
    CountingChatModel counted = new CountingChatModel(ModelProviders.bedrock(BedrockOptions.of(region, modelId)));
    return new Models(AiModel.of("bedrock:" + modelId, counted), counted,
        "Amazon Bedrock " + modelId + " in " + region + " (from " + BEDROCK_MODEL + ")");
  }

  /** The offline model, counted. */
  public static Models offline(Supplier<ChatModel> offline, String why) {
    CountingChatModel counted = new CountingChatModel(offline.get());
    return new Models(AiModel.of("offline", counted), counted,
        "the OFFLINE SCRIPTED model (deterministic canned answers, no network; " + why
            + "; set " + BEDROCK_MODEL + " + AWS_REGION + AWS credentials to use Amazon Bedrock)");
  }

  private static boolean hasCredentials(Map<String, String> env) {
    return !blank(env.get("AWS_ACCESS_KEY_ID")) || !blank(env.get("AWS_PROFILE"))
        || !blank(env.get("AWS_WEB_IDENTITY_TOKEN_FILE")) || !blank(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        || !blank(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".aws", "credentials"));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
