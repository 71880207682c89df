package dev.durable.agents;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and how to reach a Bedrock model through the Converse API.
 *
 * <pre>{@code
 * ChatModel claude = ModelProviders.bedrock(BedrockOptions.of("us-east-1", "anthropic.claude-3-5-haiku-20241022-v1:0"));
 * }</pre>
 *
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param modelId the Bedrock model or inference-profile id
 * @param credentials the credentials, or null for the default chain (env, profile, container, instance)
 * @param endpoint an endpoint override (a VPC endpoint, or a local stub in tests), or null
 * @param timeout the API call timeout, or null for 2 minutes
 */
public record BedrockOptions(String region, String modelId, AwsCredentialsProvider credentials, URI endpoint,
    Duration timeout) {
  public BedrockOptions {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("Bedrock region is missing; pass one such as \"us-east-1\" to"
          + " BedrockOptions.of(region, modelId)");
    }
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("Bedrock model id is missing; pass one such as"
          + " \"anthropic.claude-3-5-haiku-20241022-v1:0\" to BedrockOptions.of(region, modelId)");
    }
    timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
  }

  /** A model in a region, with the default credentials chain. */
  public static BedrockOptions of(String region, String modelId) {
    return new BedrockOptions(region, modelId, null, null, null);
  }

  /** A copy with explicit credentials. */
  public BedrockOptions withCredentials(AwsCredentialsProvider provider) {
    return new BedrockOptions(region, modelId, provider, endpoint, timeout);
  }

  /** A copy that talks to another endpoint. */
  public BedrockOptions withEndpoint(URI uri) {
    return new BedrockOptions(region, modelId, credentials, uri, timeout);
  }

  /** A copy with another call timeout. */
  public BedrockOptions withTimeout(Duration newTimeout) {
    return new BedrockOptions(region, modelId, credentials, endpoint, newTimeout);
  }
}
