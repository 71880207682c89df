package dev.durable.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.durable.approval.ApprovalException;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The agent examples as durable Lambda functions, through the emulator and the real AWS SDK client:
 * the approval request goes to a Slack incoming webhook (a local JDK HTTP server standing in for
 * Slack), and the approval is sent back with SendDurableExecutionCallbackSuccess.
 */
class AgentHandlersTest {
  private HttpServer slack;
  private final List<String> posts = new CopyOnWriteArrayList<>();
  private Map<String, String> env;

  @BeforeEach
  void slackStandIn() throws Exception {
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext("/hook", exchange -> {
      posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    slack.start();
    env = Map.of("APPROVAL_BASE_URL", "https://approvals.example.com",
        "APPROVAL_SIGNING_KEY", "c2lnbmluZy1rZXktZm9yLXRoZS1sYW1iZGEtaGFuZGxlcnM=",
        "SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.getAddress().getPort() + "/hook",
        "APPROVERS", "U024BE7LH");
  }

  @AfterEach
  void stop() {
    slack.stop(0);
  }

  @Test
  void triageOnLambdaAsksSlackAndFinishesAfterTheApprovalCallback() {
    try (LambdaEmulator emulator = LambdaEmulator.start(0); LambdaClient lambda = emulator.newClient()) {
      emulator.register("support-triage", client -> new TriageHandler(HandlerOptions.defaults().withClient(client), env));
      String arn = lambda.invoke(b -> b.functionName("support-triage:$LATEST").invocationType("Event")
          .durableExecutionName("T-1042").payload(SdkBytes.fromUtf8String(
              "{\"id\":\"T-1042\",\"customerEmail\":\"dana.whitfield@example.com\",\"orderId\":\"O-88231\","
                  + "\"subject\":\"Parcel never arrived\",\"body\":\"The parcel is lost. Please refund the"
                  + " full 129.00 USD.\"}"))).durableExecutionArn();

      Operation decision = awaitOp(emulator, arn, o -> o.type() == OperationType.CALLBACK
          && o.status() == OperationStatus.STARTED);
      awaitPost();
      assertThat(posts.get(0)).contains("Run tool issue_refund").contains("O-88231").contains("12900");
      lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(decision.callbackDetails().callbackId())
          .result(SdkBytes.fromUtf8String("{\"outcome\":\"APPROVED\",\"approver\":\"U024BE7LH\","
              + "\"comment\":\"ok\",\"at\":\"2026-12-04T10:00:00Z\",\"channel\":\"slack\"}")));

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (emulator.service().describe(arn).status() == ExecutionStatus.RUNNING) {
        assertThat(System.nanoTime() - deadline).isNegative();
        sleep();
      }
      String result = lambda.getDurableExecution(b -> b.durableExecutionArn(arn)).result();
      assertThat(result).contains("\"refund\":\"refunded 129.00 USD after approval\"").contains("Hi Dana,");
    }
  }

  @Test
  void theOtherAgentHandlersBuildFromTheEnvironmentAndRefuseAMissingEndpoint() {
    try (LambdaEmulator emulator = LambdaEmulator.start(0); LambdaClient client = emulator.newClient()) {
      assertThat(new ContentHandler(HandlerOptions.defaults().withClient(client), env)).isNotNull();
      assertThat(new ResearchHandler(HandlerOptions.defaults().withClient(client), env)).isNotNull();
    }
    assertThatThrownBy(() -> new TriageHandler(HandlerOptions.defaults(), Map.of()))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("APPROVAL_BASE_URL is not set");
  }

  @Test
  void templateDeclaresEveryExampleHandler() throws Exception {
    String template = Files.readString(Path.of("template.yaml"));
    for (String handler : List.of("OrderHandler", "TriageHandler", "ContentHandler", "ResearchHandler")) {
      assertThat(template).contains("Handler: dev.durable.examples.lambda." + handler + "::handleRequest");
      assertThat(Class.forName("dev.durable.examples.lambda." + handler).getConstructor()).isNotNull();
    }
  }

  private void awaitPost() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (posts.isEmpty()) {
      assertThat(System.nanoTime() - deadline).isNegative();
      sleep();
    }
  }

  private static Operation awaitOp(LambdaEmulator emulator, String arn, Predicate<Operation> match) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      var found = emulator.operations(arn).stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(System.nanoTime() - deadline).isNegative();
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
