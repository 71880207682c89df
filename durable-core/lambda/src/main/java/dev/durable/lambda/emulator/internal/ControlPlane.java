package dev.durable.lambda.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.ServiceException;
import dev.durable.core.service.StartResult;
import dev.durable.lambda.LambdaEnvelopeException;
import dev.durable.lambda.internal.Envelopes;
import dev.durable.lambda.internal.WireReader;
import dev.durable.lambda.internal.WireWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control-plane APIs (reference §2.8, §2.9): GetDurableExecution, GetDurableExecutionHistory,
 * ListDurableExecutionsByFunction, StopDurableExecution, and Invoke with a durable execution name.
 */
final class ControlPlane {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final DurableExecutionService service;
  private final ExecutionStore store;
  private final Functions functions;
  private final Invoker invoker;
  private final Duration syncInvokeTimeout;

  ControlPlane(DurableExecutionService service, ExecutionStore store, Functions functions,
      Invoker invoker, Duration syncInvokeTimeout) {
    this.service = service;
    this.store = store;
    this.functions = functions;
    this.invoker = invoker;
    this.syncInvokeTimeout = syncInvokeTimeout;
  }

  void get(Http h, String arn) throws IOException {
    ExecutionRecord r = service.describe(arn);
    boolean data = h.boolParam("IncludeExecutionData", true);
    ObjectNode out = F.objectNode();
    out.put("DurableExecutionArn", r.executionArn());
    out.put("DurableExecutionName", r.executionName());
    out.put("FunctionArn", Functions.functionArn(r.executionArn()));
    if (data) {
      WireWriter.put(out, "InputPayload", r.inputPayload());
      WireWriter.put(out, "Result", r.result());
    }
    WireWriter.error(out, "Error", r.error());
    time(out, "StartTimestamp", r.startTimestamp());
    out.put("Status", r.status().name());
    time(out, "EndTimestamp", r.endTimestamp());
    out.put("Version", "$LATEST");
    out.put("ExecutionDataIncluded", data);
    ObjectNode config = out.putObject("DurableConfig");
    config.put("ExecutionTimeout", Duration.between(r.startTimestamp(), r.timeoutAt()).getSeconds());
    config.put("RetentionPeriodInDays", 14);
    h.send(200, out);
  }

  void history(Http h, String arn) throws IOException {
    List<HistoryEvent> events = new ArrayList<>(service.history(arn));
    if (h.boolParam("ReverseOrder", false)) {
      java.util.Collections.reverse(events);
    }
    boolean data = h.boolParam("IncludeExecutionData", true);
    Integer max = h.intParam("MaxItems", 0, 1000);
    int from = marker(h.param("Marker"), events.size());
    int to = Math.min(events.size(), from + (max == null || max == 0 ? 1000 : max));
    ObjectNode out = F.objectNode();
    ArrayNode list = out.putArray("Events");
    Map<String, String> children = null;
    for (HistoryEvent e : events.subList(from, to)) {
      String childArn = null;
      if (e.eventType().equals("ChainedInvokeStarted")) {
        children = children != null ? children : childExecutions(arn);
        childArn = children.get(e.id());
      }
      list.add(HistoryWire.event(e, data, childArn));
    }
    if (to < events.size()) {
      out.put("NextMarker", Integer.toString(to));
    }
    h.send(200, out);
  }

  /** The ARNs of the executions started for the execution's chained invokes, by operation id. */
  private Map<String, String> childExecutions(String arn) {
    Map<String, String> out = new HashMap<>();
    String id = arn.substring(arn.lastIndexOf('/') + 1);
    store.load(id).ifPresent(stored -> {
      for (OperationRecord op : stored.operations()) {
        if (op.childExecutionId() != null) {
          try {
            out.put(op.operation().id(), service.describe(op.childExecutionId()).executionArn());
          } catch (ServiceException e) {
            // the target is gone (retention): the event is shown without it
          }
        }
      }
    });
    return out;
  }

  void list(Http h, String functionName) throws IOException {
    String fn = Functions.baseName(functionName);
    List<ExecutionStatus> statuses = new ArrayList<>();
    for (String s : h.params("Statuses")) {
      for (String one : s.split(",")) {
        statuses.add(status(one.trim()));
      }
    }
    Instant after = queryTime(h, "StartedAfter");
    Instant before = queryTime(h, "StartedBefore");
    ExecutionStatus only = statuses.size() == 1 ? statuses.get(0) : null;
    List<ExecutionRecord> rows = new ArrayList<>();
    for (ExecutionRecord r : service.list(new ExecutionQuery(fn, only, after, before, 1000))) {
      boolean nameOk = h.param("DurableExecutionName") == null
          || h.param("DurableExecutionName").equals(r.executionName());
      if (nameOk && (statuses.isEmpty() || statuses.contains(r.status()))) {
        rows.add(r);
      }
    }
    if (h.boolParam("ReverseOrder", false)) {
      java.util.Collections.reverse(rows);
    }
    Integer max = h.intParam("MaxItems", 0, 1000);
    int from = marker(h.param("Marker"), rows.size());
    int to = Math.min(rows.size(), from + (max == null || max == 0 ? 1000 : max));
    ObjectNode out = F.objectNode();
    ArrayNode list = out.putArray("DurableExecutions");
    for (ExecutionRecord r : rows.subList(from, to)) {
      ObjectNode e = list.addObject();
      e.put("DurableExecutionArn", r.executionArn());
      e.put("DurableExecutionName", r.executionName());
      e.put("FunctionArn", Functions.functionArn(r.executionArn()));
      e.put("Status", r.status().name());
      time(e, "StartTimestamp", r.startTimestamp());
      time(e, "EndTimestamp", r.endTimestamp());
    }
    if (to < rows.size()) {
      out.put("NextMarker", Integer.toString(to));
    }
    h.send(200, out);
  }

  void stop(Http h, String arn) throws IOException {
    Instant at = service.stopExecution(arn, DataPlane.errorBody(h));
    invoker.wakeUp();
    ObjectNode out = F.objectNode();
    time(out, "StopTimestamp", at);
    h.send(200, out);
  }

  /** Invoke: starts (or re-attaches to) a durable execution; Event answers at once. */
  void invoke(Http h, String functionName) throws IOException {
    String name = Functions.baseName(functionName);
    String qualifier = Functions.qualifier(functionName);
    if (qualifier == null) {
      qualifier = h.param("Qualifier");
    }
    if (functions.find(name) == null) {
      throw ServiceException.notFound("Function not found: " + functionName
          + " (registered: " + functions.names() + ").");
    }
    if (qualifier == null || qualifier.isEmpty()) {
      throw ServiceException.invalid("You cannot invoke a durable function using an unqualified"
          + " ARN. Invoke a version or alias, e.g. " + name + ":$LATEST.");
    }
    String type = h.header("X-Amz-Invocation-Type");
    String payload = h.body.length == 0 ? "{}" : h.bodyText();
    StartResult started = service.startExecution(name, h.header("X-Amz-Durable-Execution-Name"),
        payload, null);
    invoker.wakeUp();
    h.exchange.getResponseHeaders().set("X-Amz-Durable-Execution-Arn", started.executionArn());
    h.exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    if ("Event".equals(type)) {
      h.send(202, new byte[0], "application/json");
      return;
    }
    if ("DryRun".equals(type)) {
      h.send(204, new byte[0], "application/json");
      return;
    }
    ExecutionRecord r = awaitEnd(started.executionArn());
    if (r.status() == ExecutionStatus.SUCCEEDED) {
      byte[] result = r.result() == null ? new byte[0] : r.result().getBytes(StandardCharsets.UTF_8);
      h.send(200, result, "application/json");
      return;
    }
    ObjectNode err = F.objectNode();
    err.put("errorType", r.error() == null ? r.status().name() : r.error().errorType());
    err.put("errorMessage", r.error() == null ? "The execution is " + r.status()
        : r.error().errorMessage());
    h.exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
    h.send(200, err);
  }

  private ExecutionRecord awaitEnd(String arn) {
    long deadline = System.nanoTime() + syncInvokeTimeout.toNanos();
    while (true) {
      long seen = invoker.progress().generation();
      ExecutionRecord r = service.describe(arn);
      if (r.status().isTerminal() || System.nanoTime() - deadline > 0) {
        return r;
      }
      try {
        invoker.progress().awaitChange(seen, 100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
    }
  }

  private static int marker(String marker, int size) {
    if (marker == null || marker.isEmpty()) {
      return 0;
    }
    try {
      int i = Integer.parseInt(marker);
      if (i >= 0 && i <= size) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ServiceException.invalid("Invalid marker: " + marker);
  }

  private static ExecutionStatus status(String s) {
    try {
      return ExecutionStatus.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("Statuses contains '" + s + "'; expected RUNNING, SUCCEEDED,"
          + " FAILED, TIMED_OUT or STOPPED.");
    }
  }

  private static Instant queryTime(Http h, String name) {
    String v = h.param(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return WireReader.timestamp(Envelopes.JSON.createObjectNode().put("t", v), "t", name);
    } catch (LambdaEnvelopeException e) {
      throw ServiceException.invalid(name + " is '" + v + "'; expected an ISO-8601 timestamp.");
    }
  }

  private static void time(ObjectNode n, String field, Instant t) {
    WireWriter.time(n, field, t, WireWriter.Time.EPOCH_SECONDS);
  }
}
