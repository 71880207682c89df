package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.agents.AiModel;
import dev.durable.agents.DurableAi;
import dev.durable.agents.offline.Cassette;
import dev.durable.agents.offline.CassetteMissException;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent-testing snippets of docs/testing.md: cassettes recorded once and replayed offline. */
class AgentTestingSnippetsTest {

  /** The workflow under test, parameterized by its model so a test can hand in a cassette. */
  static DurableFunction<String, String> summarizer(ChatModel model) {
    AiModel m = AiModel.of("claude", model);
    return (text, ctx) -> DurableAi.in(ctx).llm("summary").model(m)
        .system("Summarize in one sentence.").user(text).text();
  }

  @Test
  void recordOnceReplayOfflineAndFailLoudlyOnAMiss(@TempDir Path dir) throws Exception {
    // stands in for the real provider: in a real project this is ModelProviders.bedrock(...) and runs once
    ChatModel realModel = ScriptedChatModel.builder().reply("A parcel arrived broken.").build();
    Path file = dir.resolve("summary.cassette.json");
    Function<ChatModel, DurableFunction<String, String>> workflow = AgentTestingSnippetsTest::summarizer;
    // snippet:record
    Cassette tape = Cassette.empty();
    DurableTestRunner.create(workflow.apply(tape.recording(realModel)), String.class, String.class)
        .runUntilComplete("My parcel arrived and the box was crushed, the vase inside is broken.");
    tape.save(file);                                  // pretty JSON, meant for version control
    // end
    assertThat(Files.readString(file)).contains("A parcel arrived broken.");

    // snippet:replay
    ChatModel replay = Cassette.load(file).replaying();                  // no network from here on
    TestResult<String> result = DurableTestRunner.create(workflow.apply(replay), String.class, String.class)
        .runUntilComplete("My parcel arrived and the box was crushed, the vase inside is broken.");
    assertThat(result.result()).isEqualTo("A parcel arrived broken.");
    // end

    // snippet:miss
    assertThatThrownBy(() -> Cassette.load(file).replaying().chat("a request that was never recorded"))
        .isInstanceOf(CassetteMissException.class)
        .hasMessageContaining("diff against the closest recorded request");
    // end
  }
}
