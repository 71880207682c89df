package dev.durable.lambda.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.durable.core.service.ServiceException;
import dev.durable.lambda.internal.Envelopes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One REST request as the handlers see it: method, decoded path segments, query parameters and
 * body; plus the rest-json answers (JSON bodies, and errors as {@code X-Amzn-ErrorType} header with
 * a {@code {"Type", "message"}} body, which the AWS SDK turns into its typed exceptions).
 */
final class Http {
  final HttpExchange exchange;
  final String method;
  final List<String> path;
  final Map<String, List<String>> query;
  final byte[] body;

  Http(HttpExchange exchange) throws IOException {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.path = segments(exchange.getRequestURI().getRawPath());
    this.query = query(exchange.getRequestURI().getRawQuery());
    this.body = exchange.getRequestBody().readAllBytes();
  }

  String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  Integer intParam(String name, int min, int max) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ServiceException.invalid(name + " is '" + v + "'; expected an integer in " + min + ".." + max + '.');
  }

  boolean boolParam(String name, boolean absent) {
    String v = param(name);
    return v == null || v.isEmpty() ? absent : Boolean.parseBoolean(v);
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as a JSON object; an empty body is an empty object. */
  JsonNode json() {
    if (body.length == 0) {
      return Envelopes.JSON.createObjectNode();
    }
    try {
      JsonNode n = Envelopes.JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw ServiceException.invalid("The request body must be a JSON object.");
      }
      return n;
    } catch (IOException e) {
      throw new ServiceException("SerializationException", 400, "The request body is not valid JSON: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
  }

  void send(int status, JsonNode body) throws IOException {
    try {
      send(status, Envelopes.JSON.writeValueAsBytes(body), "application/json");
    } catch (JsonProcessingException e) {
      throw new IOException(e);
    }
  }

  void send(int status, byte[] bytes, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  void sendError(ServiceException e) throws IOException {
    ObjectNode n = Envelopes.JSON.createObjectNode();
    n.put("Type", e.httpStatus() >= 500 ? "Service" : "User");
    n.put("message", e.getMessage());
    exchange.getResponseHeaders().set("X-Amzn-ErrorType", e.code());
    send(e.httpStatus(), n);
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(decode(s));
      }
    }
    return out;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  /** Percent-decoding as in RFC 3986: '+' stays '+' (the SDK encodes spaces as %20). */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        try {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw ServiceException.invalid("Malformed percent-encoding in '" + s + "'.");
        }
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
