package dev.durable.agents;

import java.util.Objects;

/**
 * A tool call the model asked for, as recorded in the journal.
 *
 * @param id the provider's call id (unique within one model response)
 * @param name the tool's name
 * @param arguments the arguments as the model wrote them (JSON text, possibly malformed)
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
