package dev.durable.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.durable.agents.AgentException;
import dev.durable.agents.ApprovalDecision;
import dev.durable.agents.ApprovalRequest;
import dev.durable.agents.Approver;
import dev.durable.agents.DurableTool;
import dev.durable.agents.ToolCall;
import dev.durable.agents.ToolContext;
import dev.durable.agents.ToolResult;
import dev.durable.core.DurableContext;
import dev.langchain4j.exception.ToolArgumentsException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs one tool call durably: unknown tools and malformed arguments go back to the model without a
 * step (they are deterministic given the journaled model answer); approval-required tools ask first,
 * bound to the exact arguments; the tool itself runs as a step named {@code <tool>#<callId>}.
 */
public final class ToolRunner {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ToolRunner() {}

  /** Runs {@code call} against {@code tools}; returns what the model is told. */
  public static ToolResult run(DurableContext ctx, ToolCall call, Map<String, DurableTool> tools, Approver approver) {
    DurableTool tool = tools.get(call.name());
    if (tool == null) {
      return ToolResult.failed(call, "Error: there is no tool named '" + call.name() + "'. Available tools: "
          + new TreeSet<>(tools.keySet()) + ". Call one of those or answer without a tool.");
    }
    String badArguments = checkArguments(call.arguments());
    if (badArguments != null) {
      return ToolResult.failed(call, "Error: the arguments of '" + call.name() + "' are not a JSON object ("
          + badArguments + "). Call it again with arguments matching its schema.");
    }
    String stepName = Names.of(call.name() + "#" + call.id());
    if (tool.options().requiresApproval()) {
      ApprovalDecision decision = approver.decide(ctx, Names.of("approve-" + call.name() + "#" + call.id()),
          ApprovalRequest.forTool(call.name(), call.arguments(), tool.options().approvalTimeout()));
      if (!decision.approved()) {
        if (tool.options().failOnDenial()) {
          throw new AgentException("tool call '" + stepName + "' was " + decision.describe()
              + "; the agent stops because the tool is set to failWhenDenied");
        }
        return ToolResult.failed(call, "The call was not made: it was " + decision.describe()
            + ". Do not call it again with the same arguments; continue without it.");
      }
    }
    return ctx.step(stepName, ToolResult.class, s -> {
      ToolContext context = new ToolContext(call.name(), call.id(), s.idempotencyKey(), s.attempt());
      try {
        return ToolResult.ok(call, tool.execute(call.arguments(), context));
      } catch (ToolArgumentsException e) {
        return ToolResult.failed(call, "Error: bad arguments for '" + call.name() + "': " + rootMessage(e)
            + ". Call it again with arguments matching its schema.");
      } catch (Exception e) {
        if (!tool.options().errorsToModel()) {
          throw e;
        }
        return ToolResult.failed(call, "Error: " + e.getClass().getSimpleName() + ": " + rootMessage(e));
      }
    }, tool.options().stepOptions());
  }

  private static String checkArguments(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node != null && node.isObject() ? null : "got " + (node == null ? "nothing" : node.getNodeType());
    } catch (Exception e) {
      return rootMessage(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
