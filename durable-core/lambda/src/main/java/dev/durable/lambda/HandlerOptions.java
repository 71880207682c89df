package dev.durable.lambda;

import dev.durable.core.ExecutorOptions;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Settings of a {@link DurableHandler}.
 *
 * @param client the client for {@code CheckpointDurableExecution} / {@code
 *     GetDurableExecutionState}; null = {@link DurableHandler#defaultClient()}, built once when the
 *     handler is constructed (in the init phase, so SnapStart snapshots it)
 * @param executorOptions engine settings (serializer, clock, workflow threads)
 */
public record HandlerOptions(LambdaClient client, ExecutorOptions executorOptions) {

  public HandlerOptions {
    Objects.requireNonNull(executorOptions, "executorOptions: pass ExecutorOptions.defaults()");
  }

  /** The default client and engine settings. */
  public static HandlerOptions defaults() {
    return new HandlerOptions(null, ExecutorOptions.defaults());
  }

  /** A copy with another client, e.g. one pointed at the local emulator. */
  public HandlerOptions withClient(LambdaClient newClient) {
    return new HandlerOptions(newClient, executorOptions);
  }

  /** A copy with other engine settings. */
  public HandlerOptions withExecutorOptions(ExecutorOptions newOptions) {
    return new HandlerOptions(client, newOptions);
  }
}
