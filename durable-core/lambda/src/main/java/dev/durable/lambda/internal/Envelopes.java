package dev.durable.lambda.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.InvocationStatus;
import dev.durable.lambda.LambdaEnvelopeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lambda invocation envelope (reference §2.1, §2.2): the event the service hands a durable
 * function, and the {@code {Status, Result | Error}} it answers. Both directions, because the
 * emulator writes what the adapter reads and reads what it writes.
 */
public final class Envelopes {
  /** Shared, thread-safe once configured; plain tree model only. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private Envelopes() {}

  /**
   * Parses and checks an invocation event. Nothing about it is trusted: every member is checked for
   * presence and type, with an error naming the field and the fix.
   */
  public static InvocationInput readInput(byte[] event) {
    JsonNode root;
    try {
      root = JSON.readTree(event);
    } catch (IOException e) {
      throw new LambdaEnvelopeException("The invocation event is not JSON (" + reason(e)
          + "); a durable function receives {DurableExecutionArn, CheckpointToken,"
          + " InitialExecutionState}.", e);
    }
    if (root == null || !root.isObject()) {
      throw WireReader.bad("The invocation event", root, "a JSON object");
    }
    if (root.get("DurableExecutionArn") == null && root.get("CheckpointToken") == null) {
      throw new LambdaEnvelopeException("The invocation event has no DurableExecutionArn: this"
          + " function was not created with durable execution enabled, or was invoked unqualified."
          + " Create it with a DurableConfig (SAM: DurableConfig: {ExecutionTimeout: 900}) and invoke"
          + " a version or alias (e.g. my-function:live).");
    }
    String arn = WireReader.requiredText(root, "DurableExecutionArn", "");
    if (arn.indexOf('/') < 0 || arn.endsWith("/")) {
      throw new LambdaEnvelopeException("DurableExecutionArn is '" + arn + "'; expected"
          + " arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER/durable-execution/NAME/ID.");
    }
    String token = WireReader.requiredText(root, "CheckpointToken", "");
    JsonNode state = root.get("InitialExecutionState");
    if (state == null || state.isNull()) {
      throw new LambdaEnvelopeException("InitialExecutionState is missing; it is required in a"
          + " durable-execution event and holds the execution's operations.");
    }
    if (!state.isObject()) {
      throw WireReader.bad("InitialExecutionState", state, "a JSON object {Operations, NextMarker}");
    }
    var ops = WireReader.operations(state.get("Operations"), "InitialExecutionState.Operations");
    String marker = WireReader.text(state, "NextMarker", "InitialExecutionState");
    List<String> updated = new ArrayList<>();
    JsonNode ids = root.get("UpdatedOperationIds");
    if (ids != null && !ids.isNull()) {
      if (!ids.isArray()) {
        throw WireReader.bad("UpdatedOperationIds", ids, "a JSON array of operation ids");
      }
      for (int i = 0; i < ids.size(); i++) {
        if (!ids.get(i).isTextual()) {
          throw WireReader.bad("UpdatedOperationIds[" + i + ']', ids.get(i), "a string");
        }
        updated.add(ids.get(i).asText());
      }
    }
    return new InvocationInput(arn, token, ops, marker == null || marker.isEmpty() ? null : marker,
        updated);
  }

  /** The event the service sends for {@code input}; timestamps in epoch milliseconds. */
  public static byte[] writeInput(InvocationInput input) {
    ObjectNode root = JSON.createObjectNode();
    root.put("DurableExecutionArn", input.executionArn());
    root.put("CheckpointToken", input.checkpointToken());
    ObjectNode state = root.putObject("InitialExecutionState");
    state.set("Operations", WireWriter.operations(input.operations(), WireWriter.Time.EPOCH_MILLIS));
    WireWriter.put(state, "NextMarker", input.nextMarker());
    ArrayNode ids = root.putArray("UpdatedOperationIds");
    input.updatedOperationIds().forEach(ids::add);
    return bytes(root);
  }

  /** The handler's answer: {@code {"Status":…, "Result":…}} or {@code {"Status":…, "Error":{…}}}. */
  public static byte[] writeOutput(InvocationOutput output) {
    ObjectNode root = JSON.createObjectNode();
    root.put("Status", output.status().name());
    if (output.status() == InvocationStatus.SUCCEEDED) {
      root.put("Result", output.result() == null ? "" : output.result());
    }
    WireWriter.error(root, "Error", output.error());
    return bytes(root);
  }

  /** Reads a handler's answer, checking it the way the service does. */
  public static InvocationOutput readOutput(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new LambdaEnvelopeException("The function's response is not JSON: "
          + reason(e), e);
    }
    if (root == null || !root.isObject()) {
      throw WireReader.bad("The function's response", root, "a JSON object {Status, Result | Error}");
    }
    String status = WireReader.requiredText(root, "Status", "");
    InvocationStatus s;
    try {
      s = InvocationStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new LambdaEnvelopeException("Status is '" + status
          + "'; a durable function answers SUCCEEDED, FAILED or PENDING.");
    }
    return new InvocationOutput(s, WireReader.text(root, "Result", ""),
        WireReader.error(root.get("Error"), "Error"));
  }

  private static String reason(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialize", e);
    }
  }
}
