package dev.durable.approval.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP shapes the endpoint logic works on, so the JDK server and the Lambda URL share it. */
public final class HttpExchangeData {
  private HttpExchangeData() {}

  /**
   * An incoming request.
   *
   * @param method GET, POST, ...
   * @param path the path, without the query
   * @param rawQuery the raw query, or null
   * @param headers header values by lower-case name (first value)
   * @param body the body bytes (empty for none)
   */
  public record Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * An outgoing response.
   *
   * @param status the status code
   * @param contentType its content type
   * @param body the body text
   * @param headers extra headers
   */
  public record Response(int status, String contentType, String body, Map<String, String> headers) {
    public static Response html(int status, String body) {
      return new Response(status, "text/html; charset=utf-8", body, securityHeaders());
    }

    public static Response json(int status, String body) {
      return new Response(status, "application/json; charset=utf-8", body, securityHeaders());
    }

    public static Response text(int status, String body) {
      return new Response(status, "text/plain; charset=utf-8", body, securityHeaders());
    }

    /** Links carry tokens: never cache, never leak them as a referrer, never frame the page. */
    private static Map<String, String> securityHeaders() {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Cache-Control", "no-store");
      h.put("Referrer-Policy", "no-referrer");
      h.put("X-Content-Type-Options", "nosniff");
      h.put("X-Frame-Options", "DENY");
      h.put("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
      return h;
    }
  }
}
