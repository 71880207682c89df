package dev.durable.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.ServiceException;
import dev.durable.local.LocalRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The Lambda durable-execution REST API (history and callback success) served from an embedded
 * runtime, in the wire shape of reference §2.8: lets the real AWS SDK client run against a real run.
 */
final class LambdaApiStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RESULT_EVENTS = Set.of("StepSucceeded", "CallbackSucceeded",
      "ExecutionSucceeded", "ContextSucceeded");
  private final HttpServer server;

  LambdaApiStub(LocalRuntime runtime) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/2025-12-01/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getRawPath();
        String[] parts = path.split("/");
        int status = 200;
        String body;
        try {
          if (path.startsWith("/2025-12-01/durable-executions/") && path.endsWith("/history")) {
            String arn = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
            body = history(runtime.history(arn));
          } else if (path.startsWith("/2025-12-01/durable-execution-callbacks/") && path.endsWith("/succeed")) {
            String id = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
            runtime.completeCallback(id, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            body = "{}";
          } else {
            status = 404;
            body = "{\"message\":\"no route\"}";
          }
        } catch (ServiceException e) {
          status = e.getMessage().contains("not found") ? 404 : 400;
          String type = status == 404 ? "ResourceNotFoundException" : "InvalidParameterValueException";
          ex.getResponseHeaders().set("x-amzn-ErrorType", type);
          body = JSON.writeValueAsString(java.util.Map.of("Type", "User", "message", e.getMessage()));
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
      }
    });
    server.start();
  }

  private static String history(List<HistoryEvent> events) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("Events");
    for (HistoryEvent e : events) {
      ObjectNode n = list.addObject().put("EventType", e.eventType()).put("EventId", e.eventId())
          .put("EventTimestamp", e.timestamp().getEpochSecond());
      if (e.subType() != null) {
        n.put("SubType", e.subType());
      }
      if (e.id() != null) {
        n.put("Id", e.id());
      }
      if (e.name() != null) {
        n.put("Name", e.name());
      }
      if (e.parentId() != null) {
        n.put("ParentId", e.parentId());
      }
      ObjectNode d = n.putObject(e.eventType() + "Details");
      if (RESULT_EVENTS.contains(e.eventType()) && e.payload() != null) {
        d.putObject("Result").put("Payload", e.payload()).put("Truncated", false);
      }
      if (e.callbackId() != null) {
        d.put("CallbackId", e.callbackId());
      }
    }
    return JSON.writeValueAsString(root);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
