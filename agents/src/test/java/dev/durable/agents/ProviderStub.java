package dev.durable.agents;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for model providers' HTTP endpoints (Bedrock Converse, OpenAI chat completions,
 * Ollama chat) on the JDK's HTTP server: it answers queued replies in order and keeps what it received.
 */
final class ProviderStub implements AutoCloseable {
  record Reply(int status, Map<String, String> headers, String body) {}

  record Received(String path, String body, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  ProviderStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestURI().getRawPath(), body, exchange.getRequestHeaders()));
      Reply reply;
      synchronized (replies) {
        reply = replies.isEmpty() ? new Reply(500, Map.of("x-amzn-ErrorType", "InternalServerException"),
            "{\"message\":\"the stub has no reply queued\"}") : replies.poll();
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      if (!reply.headers().containsKey("Content-Type")) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  ProviderStub text(String text, int inputTokens, int outputTokens) {
    return enqueue(200, Map.of(), "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
        + quote(text) + "}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":" + inputTokens
        + ",\"outputTokens\":" + outputTokens + ",\"totalTokens\":" + (inputTokens + outputTokens)
        + "},\"metrics\":{\"latencyMs\":12}}");
  }

  ProviderStub toolUse(String id, String name, String inputJson) {
    return enqueue(200, Map.of(), "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"toolUse\":"
        + "{\"toolUseId\":" + quote(id) + ",\"name\":" + quote(name) + ",\"input\":" + inputJson + "}}]}},"
        + "\"stopReason\":\"tool_use\",\"usage\":{\"inputTokens\":30,\"outputTokens\":8,\"totalTokens\":38},"
        + "\"metrics\":{\"latencyMs\":9}}");
  }

  ProviderStub error(int status, String errorType, String message, Map<String, String> extraHeaders) {
    Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
    headers.put("x-amzn-ErrorType", errorType);
    return enqueue(status, headers, "{\"message\":" + quote(message) + "}");
  }

  ProviderStub enqueue(int status, Map<String, String> headers, String body) {
    synchronized (replies) {
      replies.add(new Reply(status, headers, body));
    }
    return this;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
