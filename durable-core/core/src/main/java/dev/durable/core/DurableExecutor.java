package dev.durable.core;

import dev.durable.core.internal.Engine;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.service.DurableService;

/**
 * Runs one invocation of a durable function against a durable-execution service: replays the
 * journal, runs new operations, checkpoints them, and returns SUCCEEDED, FAILED or PENDING. Runtimes
 * (the test kit, the embedded runtime, the Lambda adapter) call this; application code usually
 * does not.
 *
 * <pre>{@code
 * InvocationInput input = service.beginInvocation(arn);
 * InvocationOutput out = DurableExecutor.invoke(workflow, TypeToken.of(Order.class), input, service,
 *     ExecutorOptions.defaults());
 * }</pre>
 */
public final class DurableExecutor {
  private DurableExecutor() {}

  /**
   * Runs one invocation. Throws when the invocation itself must be retried by the service (a
   * retryable service error, or an infrastructure crash); nothing is lost then, the journal is
   * intact.
   */
  public static <I, O> InvocationOutput invoke(DurableFunction<I, O> function, TypeToken<I> inputType,
      InvocationInput input, DurableService service, ExecutorOptions options) {
    return Engine.invoke(function, inputType, input, service, options);
  }
}
