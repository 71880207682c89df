package dev.durable.approval;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for Slack's Web API and an incoming webhook; records every call. */
final class SlackStub implements AutoCloseable {
  record Call(String path, String authorization, String body) {}

  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger failNext = new AtomicInteger();
  private final HttpServer server;

  SlackStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        calls.add(new Call(path, ex.getRequestHeaders().getFirst("Authorization"), body));
        byte[] out;
        int status = 200;
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          status = 503;
          out = "upstream unavailable".getBytes(StandardCharsets.UTF_8);
        } else if (path.startsWith("/api/")) {
          out = "{\"ok\":true,\"channel\":\"C0APPROVALS\",\"ts\":\"1733300000.000100\"}".getBytes(StandardCharsets.UTF_8);
        } else {
          out = "ok".getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
      }
    });
    server.start();
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  URI webhook() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0/B0/hook");
  }

  List<Call> calls(String path) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.path().endsWith(path)).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
