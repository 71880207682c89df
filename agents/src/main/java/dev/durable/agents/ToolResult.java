package dev.durable.agents;

/**
 * The journaled outcome of one tool call, sent back to the model as the tool's result.
 *
 * @param callId the model's call id
 * @param toolName the tool's name
 * @param text the result (or the error shown to the model)
 * @param error true if the tool failed, was unknown, got bad arguments, or was not approved
 */
public record ToolResult(String callId, String toolName, String text, boolean error) {
  /** A successful result. */
  public static ToolResult ok(ToolCall call, String text) {
    return new ToolResult(call.id(), call.name(), text == null ? "" : text, false);
  }

  /** An error the model gets to see. */
  public static ToolResult failed(ToolCall call, String text) {
    return new ToolResult(call.id(), call.name(), text, true);
  }
}
