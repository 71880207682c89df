package dev.durable.approval;

import dev.durable.core.model.Operation;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the {@link ApprovalEndpoint} reads approvals and records decisions: the durable-execution
 * service that runs the workflow. The journal is the only state: the request an approver sees, and
 * whether someone already decided, are read from it, and the service refuses a second completion,
 * so the first decision wins even across several endpoint instances.
 *
 * <pre>{@code
 * // embedded runtime (durable-local)
 * CallbackSink sink = CallbackSink.of(runtime::operations, runtime::completeCallback);
 * // deployed on AWS: new LambdaCallbackSink(LambdaClient.create())
 * }</pre>
 */
public interface CallbackSink {

  /**
   * The run's operations, in start order; an empty list if the run is unknown.
   */
  List<Operation> operations(String executionArn);

  /**
   * Completes the callback with {@code resultJson}. Throws if the callback is unknown, already
   * completed or timed out; nothing changes then.
   */
  void succeed(String callbackId, String resultJson);

  /** A sink over any service's callback API, e.g. {@code LocalRuntime} or {@code DurableExecutionService}. */
  static CallbackSink of(Function<String, List<Operation>> operations, BiConsumer<String, String> succeed) {
    Objects.requireNonNull(operations, "operations");
    Objects.requireNonNull(succeed, "succeed");
    return new CallbackSink() {
      @Override
      public List<Operation> operations(String executionArn) {
        try {
          return operations.apply(executionArn);
        } catch (RuntimeException unknownRun) {
          return List.of();
        }
      }

      @Override
      public void succeed(String callbackId, String resultJson) {
        succeed.accept(callbackId, resultJson);
      }
    };
  }
}
