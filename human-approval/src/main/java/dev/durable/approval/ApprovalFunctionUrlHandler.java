package dev.durable.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.durable.approval.internal.EndpointLogic;
import dev.durable.approval.internal.HttpExchangeData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The approval endpoint as a Lambda function-URL handler (payload format 2.0): the same pages,
 * checks and statuses as {@link ApprovalEndpoint}, completing callbacks through
 * {@code SendDurableExecutionCallbackSuccess}. Function URLs terminate TLS for you.
 *
 * <pre>{@code
 * public final class Approvals implements RequestHandler<Map<String, Object>, Map<String, Object>> {
 *   private final ApprovalFunctionUrlHandler endpoint = new ApprovalFunctionUrlHandler(EndpointConfig.of(
 *       SigningKey.fromBase64(System.getenv("APPROVAL_SIGNING_KEY")),
 *       new LambdaCallbackSink(LambdaClient.create())).withSlackSigningSecret(System.getenv("SLACK_SIGNING_SECRET")));
 *   public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
 *     return endpoint.handleRequest(event, context);
 *   }
 * }
 * }</pre>
 */
public final class ApprovalFunctionUrlHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final EndpointLogic logic;

  public ApprovalFunctionUrlHandler(EndpointConfig config) {
    this.logic = new EndpointLogic(config);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return handle(event);
  }

  /** Handles one function-URL event (no Lambda context needed; handy in tests). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> handle(Map<String, Object> event) {
    Map<String, Object> rc = (Map<String, Object>) event.getOrDefault("requestContext", Map.of());
    Map<String, Object> http = (Map<String, Object>) rc.getOrDefault("http", Map.of());
    Map<String, String> headers = new HashMap<>();
    ((Map<String, Object>) event.getOrDefault("headers", Map.of()))
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
    String body = (String) event.get("body");
    byte[] bytes = body == null ? new byte[0]
        : Boolean.TRUE.equals(event.get("isBase64Encoded")) ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
    String query = (String) event.get("rawQueryString");
    HttpExchangeData.Response r = logic.handle(new HttpExchangeData.Request(
        String.valueOf(http.getOrDefault("method", "GET")), (String) event.getOrDefault("rawPath", "/"),
        query == null || query.isEmpty() ? null : query, headers, bytes));
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>(r.headers());
    h.put("Content-Type", r.contentType());
    out.put("statusCode", r.status());
    out.put("headers", h);
    out.put("body", r.body());
    out.put("isBase64Encoded", false);
    return out;
  }
}
