package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real langchain4j-bedrock client and AWS SDK against a local stub of the Converse endpoint. */
class BedrockProviderTest {
  static final String MODEL_ID = "anthropic.claude-3-5-haiku-20241022-v1:0";

  final ProviderStub stub = new ProviderStub();

  AiModel bedrock() {
    return AiModel.of("haiku", ModelProviders.bedrock(BedrockOptions.of("us-east-1", MODEL_ID)
            .withEndpoint(stub.endpoint())
            .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))))
        .withPrice(Price.perMillion(0.80, 4.00));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void aConverseCallIsJournaledWithItsUsageAndIsNotRepeatedOnReplay() {
    stub.text("Bonjour", 12, 3);
    AiModel model = bedrock();
    DurableFunction<String, ModelResponse> fn = (q, ctx) -> {
      ModelResponse r = DurableAi.in(ctx).llm("greet").model(model).system("Translate to French.").user(q).call();
      ctx.wait("pause", Duration.ofSeconds(10));
      return r;
    };
    TestResult<ModelResponse> r = DurableTestRunner.create(fn, String.class, ModelResponse.class).runUntilComplete("Hello");

    assertThat(r.result().text()).isEqualTo("Bonjour");
    assertThat(r.result().tokens()).isEqualTo(new TokenCount(12, 3));
    assertThat(r.result().finishReason()).isEqualTo("STOP");
    assertThat(r.result().modelId()).isEqualTo("haiku");
    assertThat(stub.received).hasSize(1);
    ProviderStub.Received request = stub.received.get(0);
    assertThat(request.path()).isEqualTo("/model/" + MODEL_ID.replace(":", "%3A") + "/converse");
    assertThat(request.body()).contains("\"text\":\"Hello\"").contains("Translate to French.");
    assertThat(request.headers().get("Authorization").get(0)).contains("AKIDTEST/").contains("/bedrock/aws4_request");
  }

  @Test
  void toolUseComesBackAsRecordedToolCalls() {
    stub.toolUse("tooluse_1", "lookup", "{\"orderId\":\"o-3\"}").text("Order o-3 is on its way.", 40, 9);
    record OrderId(String orderId) {}
    Agent agent = Agent.builder().model(bedrock())
        .tools(DurableTool.of("lookup", "Find an order", OrderId.class, (a, tc) -> "o-3 shipped")).build();
    DurableFunction<String, AgentResult> fn = (q, ctx) -> agent.run(ctx, "agent", q);
    TestResult<AgentResult> r = DurableTestRunner.create(fn, String.class, AgentResult.class).runUntilComplete("Where?");

    assertThat(r.result().text()).isEqualTo("Order o-3 is on its way.");
    assertThat(r.operation("lookup#tooluse_1").result(ToolResult.class).text()).isEqualTo("o-3 shipped");
    assertThat(stub.received.get(1).body()).contains("toolResult").contains("o-3 shipped");
    assertThat(r.result().ledger().tokens()).isEqualTo(new TokenCount(70, 17));
    assertThat(r.result().ledger().costUsd()).isCloseTo((70 * 0.80 + 17 * 4.00) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aThrottledConverseCallRetriesDurablyHonouringRetryAfterWithoutSdkRetries() {
    stub.error(429, "ThrottlingException", "Too many tokens, please wait", Map.of("Retry-After", "45"))
        .text("finally", 5, 1);
    AiModel model = bedrock();
    DurableFunction<String, String> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(model).user(q).text();
    var runner = DurableTestRunner.create(fn, String.class, String.class);
    var before = runner.clock().instant();
    TestResult<String> r = runner.runUntilComplete("hi");

    assertThat(r.result()).isEqualTo("finally");
    assertThat(stub.received).hasSize(2);   // one HTTP call per durable attempt: the SDK did not retry
    assertThat(r.operation("ask").attempts()).isEqualTo(2);
    assertThat(Duration.between(before, runner.clock().instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void aThrottledPrimaryFallsBackToTheNextModelInTheSameAttempt() {
    stub.error(429, "ThrottlingException", "slow down", Map.of());
    ScriptedChatModel local = ScriptedChatModel.builder().reply("local answer").build();
    AiModel primary = bedrock();
    AiModel fallback = AiModel.of("local", local);
    DurableFunction<String, ModelResponse> fn = (q, ctx) ->
        DurableAi.in(ctx).llm("ask").model(primary).fallback(fallback).user(q).call();
    TestResult<ModelResponse> r = DurableTestRunner.create(fn, String.class, ModelResponse.class).runUntilComplete("hi");

    assertThat(r.result().modelId()).isEqualTo("local");
    assertThat(r.result().text()).isEqualTo("local answer");
    assertThat(r.operation("ask").attempts()).isEqualTo(1);
  }

  @Test
  void accessDeniedFailsFastWithAClearMessage() {
    stub.error(403, "AccessDeniedException", "User is not authorized to perform bedrock:InvokeModel", Map.of());
    AiModel model = bedrock();
    DurableFunction<String, String> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(model).user(q).text();
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("hi");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stub.received).hasSize(1);
    assertThat(r.operation("ask").attempts()).isEqualTo(1);
    assertThat(r.error().errorMessage()).contains("refused the call").contains("not authorized");
  }

  @Test
  void aValidationErrorFailsFast() {
    stub.error(400, "ValidationException", "The provided model identifier is invalid.", Map.of());
    AiModel model = bedrock();
    DurableFunction<String, String> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(model).user(q).text();
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("hi");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stub.received).hasSize(1);
    assertThat(r.error().errorMessage()).contains("model identifier is invalid");
  }

  @Test
  void aMissingRegionOrModelIdIsRefusedWithTheFix() {
    assertThatThrownBy(() -> BedrockOptions.of(" ", MODEL_ID)).hasMessageContaining("region is missing")
        .hasMessageContaining("us-east-1");
    assertThatThrownBy(() -> BedrockOptions.of("us-east-1", null)).hasMessageContaining("model id is missing");
  }

  record Sentiment(String label, int score) {}

  @Test
  void aStructuredAnswerOverConverseIsParsedIntoARecord() {
    stub.text("{\"label\":\"positive\",\"score\":9}", 20, 6);
    AiModel model = bedrock();
    DurableFunction<String, Sentiment> fn = (q, ctx) ->
        DurableAi.in(ctx).llm("sentiment").model(model).user(q).call(Sentiment.class);
    TestResult<Sentiment> r = DurableTestRunner.create(fn, String.class, Sentiment.class).runUntilComplete("I love it");

    assertThat(r.result()).isEqualTo(new Sentiment("positive", 9));
    assertThat(stub.received.get(0).body()).contains("label").contains("score");   // the schema went out
  }
}
