package dev.durable.agents.internal;

import dev.durable.agents.Approver;
import dev.durable.core.DurableContext;

/** One node of a pipeline: turns the value flowing through into the next one. Untyped inside; {@code Flow} types it. */
@FunctionalInterface
public interface FlowNode {
  /** Runs the node on {@code value}. */
  Object run(Object value, DurableContext ctx, Approver approver) throws Exception;

  /** Runs {@code nodes} one after the other. */
  static Object runAll(Iterable<FlowNode> nodes, Object value, DurableContext ctx, Approver approver) throws Exception {
    Object current = value;
    for (FlowNode node : nodes) {
      current = node.run(current, ctx, approver);
    }
    return current;
  }
}
