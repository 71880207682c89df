package dev.durable.agents;

/**
 * What a tool body may know about its durable step. Pass {@link #idempotencyKey()} to payment,
 * email or ticket APIs: a crash between the side effect and its checkpoint re-runs the body with the
 * same key, so the downstream system can drop the duplicate.
 *
 * <pre>{@code
 * @Tool("Refunds an order")
 * String refund(String orderId) {
 *   return payments.refund(orderId, ToolContext.current().idempotencyKey());
 * }
 * }</pre>
 *
 * @param toolName the tool's name
 * @param callId the model's call id
 * @param idempotencyKey the step's idempotency key (execution, operation and attempt)
 * @param attempt the step attempt, 1-based
 */
public record ToolContext(String toolName, String callId, String idempotencyKey, int attempt) {
  private static final ThreadLocal<ToolContext> CURRENT = new ThreadLocal<>();

  /**
   * The context of the tool running on this thread, for {@code @Tool} methods (lambda tools get it
   * as a parameter). Throws outside a durable tool step.
   */
  public static ToolContext current() {
    ToolContext c = CURRENT.get();
    if (c == null) {
      throw new AgentException("ToolContext.current() is only available inside a durable tool call;"
          + " call the tool through an agent or DurableAi.tool(...)");
    }
    return c;
  }

  /** Runs {@code body} with this context as {@link #current()}. */
  public <T> T bind(java.util.concurrent.Callable<T> body) throws Exception {
    ToolContext previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return body.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
