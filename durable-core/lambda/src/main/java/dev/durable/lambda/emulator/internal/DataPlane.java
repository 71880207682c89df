package dev.durable.lambda.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.DurableService;
import dev.durable.core.service.ServiceException;
import dev.durable.lambda.LambdaEnvelopeException;
import dev.durable.lambda.internal.Envelopes;
import dev.durable.lambda.internal.WireReader;
import dev.durable.lambda.internal.WireWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The APIs a running handler and callback senders call: CheckpointDurableExecution,
 * GetDurableExecutionState and the three callback APIs, each a thin translation onto
 * {@link DurableExecutionService}, which holds every rule.
 */
final class DataPlane {
  private static final int CLIENT_TOKENS_KEPT = 1024;

  private final DurableExecutionService service;
  private final Faults faults;
  private final Runnable wake;
  /** Answers by ClientToken, so an SDK retry of a delivered checkpoint gets the same answer. */
  private final Map<String, byte[]> answered = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > CLIENT_TOKENS_KEPT;
        }
      });

  DataPlane(DurableExecutionService service, Faults faults, Runnable wake) {
    this.service = service;
    this.faults = faults;
    this.wake = wake;
  }

  void checkpoint(Http h, String arn) throws IOException {
    JsonNode body = h.json();
    String token = WireReader.text(body, "CheckpointToken", "");
    String clientToken = WireReader.text(body, "ClientToken", "");
    String key = clientToken == null ? null : arn + '|' + clientToken + '|' + token;
    byte[] earlier = key == null ? null : answered.get(key);
    if (earlier != null) {
      h.send(200, earlier, "application/json");
      return;
    }
    List<OperationUpdate> updates = updates(body.get("Updates"));
    token = faults.tokenFor(arn, token);
    DurableService.CheckpointResult r = service.checkpoint(arn, token, updates);
    faults.consumed(arn, token);
    ObjectNode out = Envelopes.JSON.createObjectNode();
    WireWriter.put(out, "CheckpointToken", r.checkpointToken());
    ObjectNode state = out.putObject("NewExecutionState");
    state.set("Operations", WireWriter.operations(r.operations(), WireWriter.Time.EPOCH_SECONDS));
    WireWriter.put(state, "NextMarker", r.nextMarker());
    byte[] bytes = Envelopes.JSON.writeValueAsBytes(out);
    if (key != null) {
      answered.put(key, bytes);
    }
    wake.run(); // a terminal EXECUTION update or a new timer may concern the scheduler
    h.send(200, bytes, "application/json");
  }

  void state(Http h, String arn) throws IOException {
    Integer max = h.intParam("MaxItems", 0, 1000);
    DurableService.StatePage page = service.getState(arn, h.param("CheckpointToken"),
        h.param("Marker"), max == null || max == 0 ? 1000 : max);
    ObjectNode out = Envelopes.JSON.createObjectNode();
    out.set("Operations", WireWriter.operations(page.operations(), WireWriter.Time.EPOCH_SECONDS));
    WireWriter.put(out, "NextMarker", page.nextMarker());
    h.send(200, out);
  }

  void callback(Http h, String callbackId, String verb) throws IOException {
    if (callbackId.isEmpty() || callbackId.length() > 1024) {
      throw ServiceException.invalid("CallbackId must be 1..1024 characters.");
    }
    switch (verb) {
      case "succeed" -> service.completeCallback(callbackId, h.bodyText());
      case "fail" -> service.failCallback(callbackId, errorBody(h));
      case "heartbeat" -> service.heartbeatCallback(callbackId);
      default -> throw ServiceException.notFound("Unknown callback action '" + verb
          + "'; expected succeed, fail or heartbeat.");
    }
    wake.run();
    h.send(200, Envelopes.JSON.createObjectNode());
  }

  /** An ErrorObject that is the whole request body (a payload member), or null for none. */
  static ErrorObject errorBody(Http h) {
    if (h.body.length == 0) {
      return null;
    }
    try {
      return WireReader.error(h.json(), "Error");
    } catch (LambdaEnvelopeException e) {
      throw ServiceException.invalid(e.getMessage());
    }
  }

  /** The request's updates, read strictly; field errors are the service's 400s. */
  static List<OperationUpdate> updates(JsonNode list) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw ServiceException.invalid("Updates must be a list of OperationUpdate objects.");
    }
    List<OperationUpdate> out = new ArrayList<>(list.size());
    try {
      for (int i = 0; i < list.size(); i++) {
        out.add(update(list.get(i), "Updates[" + i + ']'));
      }
    } catch (LambdaEnvelopeException e) {
      throw ServiceException.invalid(e.getMessage());
    }
    return out;
  }

  private static OperationUpdate update(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw ServiceException.invalid(path + " must be an OperationUpdate object.");
    }
    OperationType type = known(OperationType.class, WireReader.requiredText(n, "Type", path), path + ".Type");
    OperationAction action =
        known(OperationAction.class, WireReader.requiredText(n, "Action", path), path + ".Action");
    JsonNode co = n.get("ContextOptions");
    JsonNode so = n.get("StepOptions");
    JsonNode wo = n.get("WaitOptions");
    JsonNode cb = n.get("CallbackOptions");
    JsonNode ci = n.get("ChainedInvokeOptions");
    OperationUpdate.Options options = co == null && so == null && wo == null && cb == null && ci == null
        ? null
        : new OperationUpdate.Options(
            co == null || !co.has("ReplayChildren") ? null : co.get("ReplayChildren").asBoolean(),
            integer(so, "NextAttemptDelaySeconds"), integer(wo, "WaitSeconds"),
            integer(cb, "TimeoutSeconds"), integer(cb, "HeartbeatTimeoutSeconds"),
            ci == null ? null : WireReader.text(ci, "FunctionName", path + ".ChainedInvokeOptions"),
            ci == null ? null : WireReader.text(ci, "TenantId", path + ".ChainedInvokeOptions"));
    return new OperationUpdate(WireReader.requiredText(n, "Id", path), WireReader.text(n, "ParentId", path),
        WireReader.text(n, "Name", path), type, WireReader.text(n, "SubType", path), action,
        WireReader.text(n, "Payload", path), WireReader.error(n.get("Error"), path + ".Error"), options);
  }

  private static Integer integer(JsonNode n, String field) {
    if (n == null || !n.has(field) || n.get(field).isNull()) {
      return null;
    }
    JsonNode v = n.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ServiceException.invalid(field + " must be an integer, not " + v + '.');
    }
    return v.asInt();
  }

  private static <E extends Enum<E>> E known(Class<E> type, String value, String path) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(path + " '" + value + "' is not one of "
          + Arrays.toString(type.getEnumConstants()) + '.');
    }
  }
}
