package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.OperationStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The function-URL handler with the AWS SDK sink, against the Lambda REST API served by a local
 * stand-in over a real run: the page comes from GetDurableExecutionHistory, the decision goes
 * through SendDurableExecutionCallbackSuccess.
 */
class LambdaEndpointTest {

  static Map<String, Object> event(String method, String path, String query, String body, String contentType) {
    Map<String, Object> e = new HashMap<>();
    e.put("version", "2.0");
    e.put("rawPath", path);
    e.put("rawQueryString", query == null ? "" : query);
    e.put("headers", contentType == null ? Map.of() : Map.of("content-type", contentType));
    e.put("requestContext", Map.of("http", Map.of("method", method, "path", path)));
    if (body != null) {
      e.put("body", java.util.Base64.getEncoder().encodeToString(body.getBytes()));
      e.put("isBase64Encoded", true);
    }
    return e;
  }

  @Test
  void functionUrlHandlerShowsAndDecidesThroughTheLambdaApi() throws Exception {
    RecordingNotifier notes = new RecordingNotifier("rec");
    try (Stack stack = new Stack(() -> ApprovalRequest.builder("Scale to 40 nodes").payload(Map.of("nodes", 40))
        .approvers("ops@example.com").timeout(Duration.ofHours(1)).build(), notes);
         LambdaApiStub api = new LambdaApiStub(stack.runtime);
         LambdaClient lambda = LambdaClient.builder().endpointOverride(api.endpoint()).region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      ApprovalFunctionUrlHandler handler = new ApprovalFunctionUrlHandler(
          EndpointConfig.of(Stack.KEY, new LambdaCallbackSink(lambda)));
      String arn = stack.start("lambda-1");
      Await.until("the notification", () -> !notes.sent.isEmpty());
      ApprovalMessage m = notes.sent.get(0);
      String link = m.pageUrl("ops@example.com", "approve");
      String path = java.net.URI.create(link).getRawPath();
      String query = java.net.URI.create(link).getRawQuery();

      Map<String, Object> page = handler.handle(event("GET", path, query, null, null));
      assertThat(page.get("statusCode")).isEqualTo(200);
      assertThat((String) page.get("body")).contains("Scale to 40 nodes").contains("id=\"approve\"");
      assertThat(stack.callback(arn).orElseThrow().status()).isEqualTo(OperationStatus.STARTED);

      String form = Http.form(Map.of("t", Http.query(link).get("t"), "action", "approve"));
      Map<String, Object> decided = handler.handle(event("POST", path, null, form, "application/x-www-form-urlencoded"));
      assertThat(decided.get("statusCode")).isEqualTo(200);
      assertThat(stack.runtime.await(arn, String.class, Duration.ofSeconds(30))).isEqualTo("DONE by ops@example.com");

      Map<String, Object> again = handler.handle(event("POST", path, null, form, "application/x-www-form-urlencoded"));
      assertThat(again.get("statusCode")).isEqualTo(409);
      assertThat((String) again.get("body")).contains("Approved by ops@example.com");

      Map<String, Object> forged = handler.handle(event("POST", path, null,
          form.substring(0, form.indexOf("&")) + "x&action=approve", "application/x-www-form-urlencoded"));
      assertThat(forged.get("statusCode")).isIn(400, 403);
    }
  }
}
