package dev.durable.agents.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.agents.Agent;
import dev.durable.agents.AgentResult;
import dev.durable.agents.AiModel;
import dev.durable.agents.DurableTool;
import dev.durable.agents.ToolCall;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteTest {
  record City(String city) {}

  static DurableFunction<String, AgentResult> weatherAgent(ChatModel model) {
    Agent agent = Agent.builder().model(AiModel.of("m", model)).system("Answer weather questions.")
        .tools(DurableTool.of("weather", "Weather in a city", City.class, (c, tc) -> c.city() + ": 21C")).build();
    return (q, ctx) -> agent.run(ctx, "weather", q);
  }

  @Test
  void aRecordedRunReplaysOfflineWithTheSameAnswers(@TempDir Path dir) {
    ScriptedChatModel real = ScriptedChatModel.builder()
        .toolCall(new ToolCall("w1", "weather", "{\"city\":\"Lisbon\"}"))
        .reply("It is 21C in Lisbon.")
        .build();
    Cassette tape = Cassette.empty();
    TestResult<AgentResult> recorded = DurableTestRunner.create(weatherAgent(tape.recording(real)), String.class,
        AgentResult.class).runUntilComplete("Weather in Lisbon?");
    Path file = dir.resolve("weather.cassette.json");
    tape.save(file);

    ChatModel replay = Cassette.load(file).replaying();
    TestResult<AgentResult> replayed = DurableTestRunner.create(weatherAgent(replay), String.class,
        AgentResult.class).runUntilComplete("Weather in Lisbon?");

    assertThat(tape.size()).isEqualTo(2);
    assertThat(replayed.result()).isEqualTo(recorded.result());
    assertThat(replayed.result().text()).isEqualTo("It is 21C in Lisbon.");
    assertThat(real.calls()).isEqualTo(2);   // the replay did not touch the recorded model
  }

  @Test
  void aRequestThatWasNotRecordedFailsWithADiff(@TempDir Path dir) throws Exception {
    ScriptedChatModel real = ScriptedChatModel.builder().reply("Sunny.").build();
    Cassette tape = Cassette.empty();
    tape.recording(real).chat(ChatRequest.builder().messages(UserMessage.from("Weather in Lisbon?")).build());
    Path file = dir.resolve("c.json");
    tape.save(file);
    assertThat(Files.readString(file)).contains("Weather in Lisbon?").contains("Sunny.");

    ChatModel replay = Cassette.load(file).replaying();
    assertThatThrownBy(() -> replay.chat(ChatRequest.builder().messages(UserMessage.from("Weather in Porto?")).build()))
        .isInstanceOf(CassetteMissException.class)
        .hasMessageContaining("no recording of this request")
        .hasMessageContaining("- ")
        .hasMessageContaining("Weather in Lisbon?")
        .hasMessageContaining("+ ")
        .hasMessageContaining("Weather in Porto?");
  }

  @Test
  void aCassetteMissInsideARunFailsTheStepWithoutRetrying(@TempDir Path dir) {
    Cassette tape = Cassette.empty();
    tape.save(dir.resolve("empty.json"));
    ChatModel replay = Cassette.load(dir.resolve("empty.json")).replaying();
    TestResult<AgentResult> r = DurableTestRunner.create(weatherAgent(replay), String.class, AgentResult.class)
        .runUntilComplete("Weather?");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error().errorMessage()).contains("cassette is empty");
    assertThat(r.operation("turn-1").attempts()).isEqualTo(1);
  }

  record Mood(String mood) {}

  @Test
  void replayShapesStructuredRequestsLikeTheRecordedModel(@TempDir Path dir) {
    ScriptedChatModel scripted = ScriptedChatModel.builder().reply("{\"mood\":\"calm\"}").build();
    ChatModel nativeSchema = new ChatModel() {   // a provider that takes JSON schemas natively
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return scripted.doChat(request);
      }

      @Override
      public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        return java.util.Set.of(dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA);
      }
    };
    Cassette tape = Cassette.empty();
    DurableFunction<String, Mood> fn1 = (q, ctx) -> dev.durable.agents.DurableAi.in(ctx).llm("mood")
        .model(AiModel.of("m", tape.recording(nativeSchema))).user(q).call(Mood.class);
    DurableTestRunner.create(fn1, String.class, Mood.class).runUntilComplete("How are you?");
    tape.save(dir.resolve("mood.json"));

    ChatModel replay = Cassette.load(dir.resolve("mood.json")).replaying();
    DurableFunction<String, Mood> fn2 = (q, ctx) -> dev.durable.agents.DurableAi.in(ctx).llm("mood")
        .model(AiModel.of("m", replay)).user(q).call(Mood.class);
    TestResult<Mood> r = DurableTestRunner.create(fn2, String.class, Mood.class).runUntilComplete("How are you?");

    assertThat(r.result()).isEqualTo(new Mood("calm"));
    assertThat(scripted.requests().get(0).responseFormat()).isNotNull();
  }
}
