package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmCallTest {
  record Classification(String category, int priority) {}

  @Test
  void aModelCallIsOneStepAndReplaysWithoutCallingTheProvider() {
    ScriptedChatModel model = ScriptedChatModel.builder().reply("Paris").build();
    AiModel m = AiModel.of("geo", model);
    DurableFunction<String, String> fn = (q, ctx) -> {
      String answer = DurableAi.in(ctx).llm("ask").model(m).system("Be brief.").user(q).text();
      ctx.wait("pause", Duration.ofMinutes(1));   // forces a second invocation that replays "ask"
      return answer;
    };
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("Capital of France?");

    assertThat(r.result()).isEqualTo("Paris");
    assertThat(r.invocations()).isGreaterThan(1);
    assertThat(model.calls()).isEqualTo(1);
    ModelResponse recorded = r.operation("ask").result(ModelResponse.class);
    assertThat(recorded.modelId()).isEqualTo("geo");
    assertThat(recorded.providerModel()).isEqualTo("scripted");
    assertThat(recorded.finishReason()).isEqualTo("STOP");
    assertThat(recorded.tokens().input()).isPositive();
    assertThat(model.idempotencyKeys().get(0).toString()).contains(r.operation("ask").id());
  }

  @Test
  void structuredOutputReasksWithTheParseErrorThenParses() {
    ScriptedChatModel model = ScriptedChatModel.builder()
        .reply("It is billing, priority high")
        .reply("```json\n{\"category\":\"billing\",\"priority\":2}\n```")
        .build();
    AiModel m = AiModel.of("m", model);
    DurableFunction<String, Classification> fn = (t, ctx) ->
        DurableAi.in(ctx).llm("classify").model(m).user(t).call(Classification.class);
    TestResult<Classification> r = DurableTestRunner.create(fn, String.class, Classification.class)
        .runUntilComplete("I was charged twice");

    assertThat(r.result()).isEqualTo(new Classification("billing", 2));
    assertThat(r.operation("classify-reask-1")).isNotNull();
    String firstPrompt = ((UserMessage) model.requests().get(0).messages().get(1)).singleText();
    assertThat(firstPrompt).contains("JSON schema").contains("priority");
    String reask = ((UserMessage) last(model.requests().get(1).messages())).singleText();
    assertThat(reask).contains("could not be parsed as Classification");
  }

  @Test
  void aStructuredAnswerThatNeverParsesFailsAfterTheBoundedReasks() {
    ScriptedChatModel model = ScriptedChatModel.builder().reply("no").repeatLast().build();
    AiModel m = AiModel.of("m", model);
    DurableFunction<String, Classification> fn = (t, ctx) ->
        DurableAi.in(ctx).llm("classify").model(m).user(t).maxReasks(1).call(Classification.class);
    TestResult<Classification> r = DurableTestRunner.create(fn, String.class, Classification.class).runUntilComplete("x");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error().errorType()).isEqualTo(AgentException.class.getName());
    assertThat(r.error().errorMessage()).contains("never parsed").contains("after 1 re-asks");
    assertThat(model.calls()).isEqualTo(2);
  }

  @Test
  void streamingSendsTokensLiveAndTheRecordedTextOnReplay() {
    ScriptedChatModel model = ScriptedChatModel.builder().reply("one two three").build();
    AiModel m = AiModel.streaming("s", model);
    List<String> tokens = new ArrayList<>();
    DurableFunction<String, String> fn = (q, ctx) -> {
      ModelResponse r = DurableAi.in(ctx).llm("story").model(m).user(q).stream(tokens::add);
      ctx.wait("pause", Duration.ofSeconds(5));
      return r.text();
    };
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("go");

    assertThat(r.result()).isEqualTo("one two three");
    // live: three tokens; the replaying invocation after the wait: the whole text at once
    assertThat(tokens).containsExactly("one ", "two ", "three", "one two three");
    assertThat(model.calls()).isEqualTo(1);
  }

  @Test
  void aThrottledCallIsRetriedDurablyAfterItsRetryAfter() {
    ScriptedChatModel model = ScriptedChatModel.builder().fail(Throttles.bedrockThrottle(40)).reply("ok").build();
    AiModel m = AiModel.of("m", model);
    DurableFunction<String, String> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(m).user(q).text();
    var runner = DurableTestRunner.create(fn, String.class, String.class);
    var start = runner.clock().instant();
    TestResult<String> r = runner.runUntilComplete("hi");

    assertThat(r.result()).isEqualTo("ok");
    assertThat(r.operation("ask").attempts()).isEqualTo(2);
    assertThat(Duration.between(start, runner.clock().instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void theFallbackAnswersWhenThePrimaryIsThrottledAndItsIdIsRecorded() {
    ScriptedChatModel primary = ScriptedChatModel.builder().fail(Throttles.bedrockThrottle(30)).build();
    ScriptedChatModel backup = ScriptedChatModel.builder().reply("from backup").build();
    AiModel a = AiModel.of("primary", primary);
    AiModel b = AiModel.of("backup", backup);
    DurableFunction<String, String> fn = (q, ctx) -> {
      ModelResponse r = DurableAi.in(ctx).llm("ask").model(a).fallback(b).user(q).call();
      ctx.wait("pause", Duration.ofSeconds(5));
      return r.modelId() + ":" + r.text();
    };
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("hi");

    assertThat(r.result()).isEqualTo("backup:from backup");
    assertThat(r.operation("ask").attempts()).isEqualTo(1);
    assertThat(primary.calls()).isEqualTo(1);
    assertThat(backup.calls()).isEqualTo(1);
  }

  @Test
  void anAuthenticationErrorFailsAtOnceWithoutRetrying() {
    ScriptedChatModel model = ScriptedChatModel.builder().fail(new AuthenticationException("bad key")).build();
    AiModel m = AiModel.of("m", model);
    DurableFunction<String, String> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(m).user(q).text();
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("hi");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.operation("ask").attempts()).isEqualTo(1);
    assertThat(r.error().errorMessage()).contains("refused the call").contains("bad key");
    assertThat(model.calls()).isEqualTo(1);
  }

  @Test
  void anEmptyAnswerIsAClearError() {
    ScriptedChatModel model = ScriptedChatModel.builder().empty(FinishReason.CONTENT_FILTER).build();
    AiModel m = AiModel.of("m", model);
    DurableFunction<String, String> fn = (q, ctx) -> DurableAi.in(ctx).llm("ask").model(m).user(q).text();
    TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("hi");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error().errorMessage()).contains("empty answer").contains("CONTENT_FILTER");
  }

  record City(String city) {}

  @Test
  void aSingleCallRecordsTheToolCallsTheModelAskedFor() {
    ScriptedChatModel model = ScriptedChatModel.builder()
        .toolCall(new ToolCall("t-1", "weather", "{\"city\":\"Rome\"}")).build();
    DurableTool weather = DurableTool.of("weather", "Weather in a city", City.class, (c, tc) -> "sunny");
    AiModel m = AiModel.of("m", model);
    DurableFunction<String, ModelResponse> fn = (q, ctx) ->
        DurableAi.in(ctx).llm("plan").model(m).tools(List.of(weather)).user(q).call();
    TestResult<ModelResponse> r = DurableTestRunner.create(fn, String.class, ModelResponse.class).runUntilComplete("Rome?");

    assertThat(r.result().toolCalls()).containsExactly(new ToolCall("t-1", "weather", "{\"city\":\"Rome\"}"));
    assertThat(r.result().finishReason()).isEqualTo("TOOL_EXECUTION");
    assertThat(model.requests().get(0).toolSpecifications()).extracting(s -> s.name()).containsExactly("weather");
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
