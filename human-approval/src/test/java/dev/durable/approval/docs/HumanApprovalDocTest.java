package dev.durable.approval.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.durable.approval.ApprovalEndpoint;
import dev.durable.approval.ApprovalFunctionUrlHandler;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.ApprovalRequest;
import dev.durable.approval.Approvals;
import dev.durable.approval.CallbackSink;
import dev.durable.approval.Decision;
import dev.durable.approval.EmailNotifier;
import dev.durable.approval.EndpointConfig;
import dev.durable.approval.LambdaCallbackSink;
import dev.durable.approval.SigningKey;
import dev.durable.approval.SmtpSettings;
import dev.durable.approval.TimeoutPolicy;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.local.LocalRuntime;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The Java snippets of docs/human-approval.md, compiled and run. The code between
 * {@code // snippet:<name>} and {@code // end} is what the guide shows under
 * {@code <!-- snippet: HumanApprovalDocTest#<name> -->}; the docs module's {@code DocSnippetsTest} fails
 * when the two drift apart.
 */
class HumanApprovalDocTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("approvals@example.com", "approvals-bot", "pw"));

  /** What the workflow approves. */
  public record Refund(String order, long cents) {}

  // snippet:workflow
  public static final class RefundWorkflow implements DurableFunction<Refund, String> {
    private final ApprovalOptions approvals;

    public RefundWorkflow(ApprovalOptions approvals) {
      this.approvals = approvals;
    }

    @Override
    public String apply(Refund refund, DurableContext ctx) {
      ApprovalRequest request = ApprovalRequest.builder("Refund order " + refund.order())
          .details("The customer reports the parcel **never arrived**.")
          .requester("support-agent")
          .payload(refund)                                    // the exact payload; its hash is in every link
          .approvers("lead@example.com", "U024BE7LH")         // emails and/or Slack user ids
          .timeout(Duration.ofHours(24))
          .reminders(Duration.ofHours(4), Duration.ofHours(20))
          .onTimeout(TimeoutPolicy.escalate(List.of("cfo@example.com"), List.of("email"),
              Duration.ofHours(8), TimeoutPolicy.autoReject()))
          .build();
      Decision decision = Approvals.request(ctx, "refund-approval", request, approvals);
      if (!decision.isApproved()) {
        return "not refunded: " + decision.getClass().getSimpleName() + " by " + decision.approver();
      }
      return ctx.step("refund", String.class, s -> "refunded " + refund.cents() + " by " + decision.approver());
    }
  }
  // end

  // snippet:lambda
  public static final class ApprovalUrlFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ApprovalFunctionUrlHandler endpoint;

    public ApprovalUrlFunction() {   // what Lambda calls: configuration from the environment
      this(EndpointConfig.of(SigningKey.fromBase64(System.getenv("APPROVAL_SIGNING_KEY")),
              new LambdaCallbackSink(LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()))
          .withSlackSigningSecret(System.getenv("SLACK_SIGNING_SECRET")));
    }

    public ApprovalUrlFunction(EndpointConfig config) {
      this.endpoint = new ApprovalFunctionUrlHandler(config);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      return endpoint.handleRequest(event, context);
    }
  }
  // end

  @Test
  void smtpSettingsForARealServer() {
    String smtpPassword = "from-your-secret-store";
    // snippet:smtp
    SmtpSettings smtp = SmtpSettings.startTls("smtp.example.com", 587, "approvals-bot", smtpPassword,
        "approvals@example.com");
    // end
    assertThat(smtp.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
    assertThat(smtp.toString()).doesNotContain(smtpPassword);
  }

  @Test
  void theGuidesWiringRunsEndToEnd(@TempDir Path dir) throws Exception {
    String signingKeyBase64 = "c3RhY2stdGVzdC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5YWJjZGVm";
    String slackSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    URI publicUrl = URI.create("http://127.0.0.1:" + port);
    // GreenMail speaks SMTPS with a self-signed certificate; the guide's smtp snippet shows the real thing
    SmtpSettings smtp = new SmtpSettings("127.0.0.1", MAIL.getSmtps().getPort(), "approvals-bot", "pw",
        "approvals@example.com", SmtpSettings.Security.SMTPS, "*", Duration.ofSeconds(10));
    Path store = dir.resolve("approvals.db");

    // snippet:local
    SigningKey key = SigningKey.fromBase64(signingKeyBase64);        // openssl rand -base64 32
    ApprovalOptions options = ApprovalOptions.of(ApprovalLinks.of(publicUrl, key), new EmailNotifier(smtp));

    LocalRuntime runtime = LocalRuntime.builder().storePath(store).build();
    runtime.register("refund", new RefundWorkflow(options), Refund.class, String.class);
    runtime.startWorker();
    ApprovalEndpoint endpoint = ApprovalEndpoint.start(new InetSocketAddress(port),
        EndpointConfig.of(key, CallbackSink.of(runtime::operations, runtime::completeCallback))
            .withSlackSigningSecret(slackSigningSecret));
    // end
    try {
      String arn = runtime.start("refund", "refund-42", new Refund("42", 12000)).executionArn();
      assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
      String text = (String) ((MimeMultipart) MAIL.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
      Matcher link = Pattern.compile("(?m)^Approve: (\\S+)$").matcher(text);
      assertThat(link.find()).isTrue();
      String url = link.group(1);
      String token = java.net.URLDecoder.decode(url.substring(url.indexOf("?t=") + 3, url.indexOf("&a=")),
          StandardCharsets.UTF_8);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(url.substring(0, url.indexOf('?'))))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("action=approve&t=" + java.net.URLEncoder.encode(token,
              StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(runtime.await(arn, String.class, Duration.ofSeconds(30))).isEqualTo("refunded 12000 by lead@example.com");

      Map<String, Object> health = new ApprovalUrlFunction(EndpointConfig.of(key,
          CallbackSink.of(runtime::operations, runtime::completeCallback))).handleRequest(Map.of("rawPath", "/healthz",
          "requestContext", Map.of("http", Map.of("method", "GET"))), null);
      assertThat(health.get("statusCode")).isEqualTo(200);
    } finally {
      endpoint.close();
      runtime.close();
    }
  }
}
