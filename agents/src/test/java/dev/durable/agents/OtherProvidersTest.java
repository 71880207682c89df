package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible and Ollama factories against local stubs: SDK retries off, durable retries on. */
class OtherProvidersTest {
  final ProviderStub stub = new ProviderStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  static String openAiAnswer(String text) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}";
  }

  static TestResult<ModelResponse> ask(AiModel model) {
    DurableFunction<String, ModelResponse> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(model).user(q).call();
    return DurableTestRunner.create(fn, String.class, ModelResponse.class).runUntilComplete("hi");
  }

  @Test
  void anOpenAiCompatibleModelIsRetriedDurablyAfterA429WithoutClientRetries() {
    stub.enqueue(429, Map.of(), "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}")
        .enqueue(200, Map.of(), openAiAnswer("hello"));
    AiModel gpt = AiModel.of("gpt", ModelProviders.openAiCompatible(stub.endpoint() + "/v1", "sk-test", "gpt-4o-mini"));
    TestResult<ModelResponse> r = ask(gpt);

    assertThat(r.result().text()).isEqualTo("hello");
    assertThat(r.result().tokens()).isEqualTo(new TokenCount(7, 2));
    assertThat(r.operation("ask").attempts()).isEqualTo(2);
    assertThat(stub.received).hasSize(2);
    assertThat(stub.received.get(0).path()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void anOpenAiAuthenticationErrorFailsFast() {
    stub.enqueue(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
    AiModel gpt = AiModel.of("gpt", ModelProviders.openAiCompatible(stub.endpoint() + "/v1", "sk-bad", "gpt-4o-mini"));
    TestResult<ModelResponse> r = ask(gpt);

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stub.received).hasSize(1);
    assertThat(r.error().errorMessage()).contains("refused the call").contains("Incorrect API key");
  }

  @Test
  void anOllamaModelAnswersThroughItsChatEndpoint() {
    stub.enqueue(200, Map.of(), "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"hola\"},\"done\":true,\"done_reason\":\"stop\","
        + "\"prompt_eval_count\":5,\"eval_count\":1}");
    AiModel llama = AiModel.of("llama", ModelProviders.ollama(stub.endpoint().toString(), "llama3.2"));
    TestResult<ModelResponse> r = ask(llama);

    assertThat(r.result().text()).isEqualTo("hola");
    assertThat(r.result().modelId()).isEqualTo("llama");
    assertThat(stub.received.get(0).path()).isEqualTo("/api/chat");
  }

  @Test
  void missingProviderSettingsAreRefusedWithTheFix() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelProviders.ollama("http://localhost:11434", " "))
        .hasMessageContaining("modelName is missing").hasMessageContaining("llama3.2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelProviders.openAiCompatible(null, "k", "m"))
        .hasMessageContaining("baseUrl is missing");
  }

  static String chunk(String content) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  @Test
  void anOpenAiStreamReachesTheListenerTokenByTokenAndOnlyTheFinalAnswerIsJournaled() {
    String sse = chunk("Once") + chunk(" upon") + chunk(" a time")
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3,\"total_tokens\":7}}\n\n"
        + "data: [DONE]\n\n";
    stub.enqueue(200, Map.of("Content-Type", "text/event-stream"), sse);
    AiModel gpt = AiModel.streaming("gpt",
        ModelProviders.openAiCompatibleStreaming(stub.endpoint() + "/v1", "sk-test", "gpt-4o-mini"));
    java.util.List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    DurableFunction<String, ModelResponse> fn = (q, ctx) -> {
      ModelResponse r = DurableAi.in(ctx).llm("story").model(gpt).user(q).stream(tokens::add);
      ctx.wait("pause", java.time.Duration.ofSeconds(3));
      return r;
    };
    TestResult<ModelResponse> r = DurableTestRunner.create(fn, String.class, ModelResponse.class).runUntilComplete("go");

    assertThat(r.result().text()).isEqualTo("Once upon a time");
    assertThat(r.result().tokens()).isEqualTo(new TokenCount(4, 3));
    assertThat(tokens).containsExactly("Once", " upon", " a time", "Once upon a time");   // live, then replay
    assertThat(stub.received).hasSize(1);
    assertThat(r.operation("story").resultJson()).doesNotContain("\"upon\"");
  }
}
