package dev.durable.approval;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.durable.approval.internal.EndpointLogic;
import dev.durable.approval.internal.HttpExchangeData;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The approval endpoint on the JDK's HTTP server: {@code GET /approval/<callbackId>?t=...} shows the
 * request (never decides, so mail scanners that prefetch links decide nothing), {@code POST} to the
 * same path decides, {@code POST /slack/interactions} takes Slack button clicks. Put TLS in front
 * of it (a load balancer or reverse proxy) when it is reachable from outside.
 *
 * <pre>{@code
 * try (ApprovalEndpoint endpoint = ApprovalEndpoint.start(new InetSocketAddress(8080),
 *     EndpointConfig.of(key, CallbackSink.of(runtime::operations, runtime::completeCallback)))) {
 *   ...
 * }
 * }</pre>
 */
public final class ApprovalEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private ApprovalEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on {@code address} (port 0 picks a free port). */
  public static ApprovalEndpoint start(InetSocketAddress address, EndpointConfig config) {
    EndpointLogic logic = new EndpointLogic(config);
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new ApprovalException("cannot listen on " + address + ": " + e.getMessage()
          + "; pick another port (0 = any free port)", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "approval-endpoint");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, logic));
    server.start();
    return new ApprovalEndpoint(server, executor);
  }

  private static void serve(HttpExchange ex, EndpointLogic logic) throws IOException {
    try (ex) {
      byte[] body = readLimited(ex.getRequestBody(), EndpointLogic.MAX_BODY + 1);
      Map<String, String> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> {
        if (!v.isEmpty()) {
          headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
        }
      });
      HttpExchangeData.Response r = logic.handle(new HttpExchangeData.Request(ex.getRequestMethod(),
          ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), headers, body));
      byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(r.status(), head ? -1 : out.length);
      if (!head) {
        ex.getResponseBody().write(out);
      }
    }
  }

  private static byte[] readLimited(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
