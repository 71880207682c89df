package dev.durable.agents.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.Agent;
import dev.durable.agents.AiModel;
import dev.durable.agents.ApprovalDecision;
import dev.durable.agents.Budget;
import dev.durable.agents.CallbackApprover;
import dev.durable.agents.DurableTool;
import dev.durable.agents.Flow;
import dev.durable.agents.Flow.Lane;
import dev.durable.agents.Llm;
import dev.durable.agents.Pipeline;
import dev.durable.agents.ToolCall;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of agents/README.md, compiled and run. The code between {@code // snippet:<name>}
 * and {@code // end} is what the README shows under {@code <!-- snippet: ReadmeTest#<name> -->}.
 */
class ReadmeTest {
  private static final Path README = Path.of("README.md");
  private static final Path SELF = Path.of("src/test/java/dev/durable/agents/readme/ReadmeTest.java");

  record Brief(String title, List<String> topics) {}

  record Verdict(int best, int score, boolean sensitive) {}

  record Article(String title, String body, String url) {
    static Article held(Draft d) {
      return new Article(d.brief().title(), d.text(), null);
    }
  }

  record Draft(Brief brief, List<String> notes, List<String> candidates, String text, Verdict verdict,
      boolean approved) {
    static Draft start(Brief b) {
      return new Draft(b, List.of(), List.of(), null, null, false);
    }

    List<String> topics() {
      return brief.topics();
    }

    String prompt() {
      return "Write about " + brief.title() + " using " + notes;
    }

    String judgePrompt() {
      return "Judge: " + (text != null ? List.of(text) : candidates);
    }

    String revisePrompt() {
      return "Revise: " + text;
    }

    String summary() {
      return brief.title() + ": " + text;
    }

    Draft withNotes(List<String> n) {
      return new Draft(brief, n, candidates, text, verdict, approved);
    }

    Draft withCandidates(List<Draft> lanes) {
      return new Draft(brief, notes, lanes.stream().map(Draft::text).toList(), text, verdict, approved);
    }

    Draft withText(String t) {
      return new Draft(brief, notes, candidates, t, verdict, approved);
    }

    Draft withVerdict(Verdict v) {
      // a draft the judge finds sensitive waits for the editor; others are approved as they are
      return new Draft(brief, notes, candidates, text != null ? text : candidates.get(v.best()), v, !v.sensitive());
    }

    Draft withReview(ApprovalDecision d) {
      return new Draft(brief, notes, candidates, text, verdict, d.approved());
    }
  }

  /** The publishing system: idempotent on the key it is given. */
  static final class Cms {
    final Map<String, Article> published = new ConcurrentHashMap<>();

    Article publish(Draft d, String idempotencyKey) {
      return published.computeIfAbsent(idempotencyKey,
          k -> new Article(d.brief().title(), d.text(), "https://blog.example/" + published.size()));
    }
  }

  static Llm replying(String name, UnaryOperator<String> answer) {
    return Llm.of(AiModel.of(name, ScriptedChatModel.builder().answer(req -> {
      String prompt = req.messages().stream().filter(UserMessage.class::isInstance)
          .map(m -> ((UserMessage) m).singleText()).reduce((a, b) -> a + "\n" + b).orElse("");
      return ChatResponse.builder().aiMessage(AiMessage.from(answer.apply(prompt))).build();
    }).repeatLast().build()));
  }

  final Llm researcher = replying("researcher", p -> "fact about " + p.substring("Key facts about ".length()));
  final Llm claude = replying("claude", p -> p.startsWith("Revise") ? "revised " + p.substring(8) : "claude draft");
  final Llm llama = replying("llama", p -> "llama draft");
  final Llm judge = replying("judge", p -> p.contains("revised")
      ? "{\"best\":0,\"score\":9,\"sensitive\":true}" : "{\"best\":1,\"score\":6,\"sensitive\":true}");
  final Cms cms = new Cms();
  /** Two days; the crash explorer drives runs to the end, skipping time, so it uses no timeout. */
  Duration reviewWindow = Duration.ofDays(2);

  Pipeline<Brief, Article> contentPipeline() {
    // snippet:pipeline
    Pipeline<Brief, Article> content = Flow.from(Brief.class)
        .map(Draft.class, Draft::start)
        .forEach("research", Draft::topics, 4,
            Flow.from(String.class).llm("notes", researcher, topic -> "Key facts about " + topic, (t, notes) -> notes),
            Draft::withNotes)
        .parallel("drafts", List.of(
                Lane.of("claude", Flow.from(Draft.class).llm("write", claude, Draft::prompt, Draft::withText)),
                Lane.of("llama", Flow.from(Draft.class).llm("write", llama, Draft::prompt, Draft::withText))),
            Draft::withCandidates)
        .llm("judge", judge, Draft::judgePrompt, Verdict.class, Draft::withVerdict)
        .loop("polish", 3, d -> d.verdict().score() >= 8, round -> round
            .llm("revise", claude, Draft::revisePrompt, Draft::withText)
            .llm("judge", judge, Draft::judgePrompt, Verdict.class, Draft::withVerdict))
        .when(d -> d.verdict().sensitive(), review -> review
            .approval("editor-ok", Draft::summary, reviewWindow, Draft::withReview))
        .step("publish", Article.class, (d, step) -> d.approved() ? cms.publish(d, step.idempotencyKey()) : Article.held(d))
        .build();
    // end
    return content;
  }

  @Test
  void theContentPipelineResearchesDraftsJudgesPolishesWaitsForTheEditorAndPublishes() {
    Pipeline<Brief, Article> content = contentPipeline();
    var runner = DurableTestRunner.create(content, content.inputType(), content.outputType());
    TestResult<Article> waiting = runner.run(new Brief("Durable agents", List.of("replay", "approvals")));
    assertThat(waiting.status()).isEqualTo(ExecutionStatus.RUNNING);
    runner.completeCallback("editor-ok", new CallbackApprover.Decision(true, "eve", "ship it"));
    TestResult<Article> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result().url()).isEqualTo("https://blog.example/0");
    assertThat(cms.published.values()).singleElement().extracting(Article::body).isEqualTo("revised llama draft");
    assertThat(done.operations("notes")).hasSize(2);
    assertThat(done.operation("polish-1")).isNotNull();
    assertThat(done.operations("polish-2")).isEmpty();
  }

  @Test
  void theContentPipelineSurvivesACrashAtEveryCheckpoint() {
    reviewWindow = null;
    Pipeline<Brief, Article> content = contentPipeline();
    CrashPointExplorer.explore(content, content.inputType(), content.outputType(),
        new Brief("Durable agents", List.of("replay", "approvals")), runner -> {
          try {
            runner.completeCallback("editor-ok", new CallbackApprover.Decision(true, "eve", null));
            return true;
          } catch (RuntimeException alreadyDecided) {
            return false;
          }
        }).assertAllPassed();
    assertThat(cms.published).hasSize(1);   // one idempotency key across all crashed and resumed runs
  }

  static final class WebTools {
    final List<String> queries = new ArrayList<>();

    @Tool("Searches the web")
    String search(String query) {
      queries.add(query);
      return "Java 25 shipped in September 2025 with scoped values final.";
    }
  }

  @Test
  void theResearchAgentUsesItsToolAndAnswers() {
    AiModel claude = AiModel.of("claude", ScriptedChatModel.builder()
        .toolCall(new ToolCall("s1", "search", "{\"query\":\"Java 25\"}"))
        .reply("Java 25 made scoped values final.").build());
    AiModel llama = AiModel.of("llama", ScriptedChatModel.builder().build());
    WebTools web = new WebTools();
    // snippet:agent
    Agent researcher = Agent.builder()
        .model(claude).fallback(llama)                 // the model that answered is journaled
        .system("Research the question with the tools, then answer in three sentences.")
        .tools(DurableTool.fromObjects(web))           // langchain4j @Tool methods, one step per call
        .maxTurns(12)
        .budget(Budget.tokens(100_000).andCost(1.00).askToContinue())
        .build();
    DurableFunction<String, String> research = (question, ctx) ->
        researcher.run(ctx, "research", question).text();
    // end
    TestResult<String> r = DurableTestRunner.create(research, String.class, String.class)
        .runUntilComplete("What changed in Java 25?");

    assertThat(r.result()).isEqualTo("Java 25 made scoped values final.");
    assertThat(web.queries).containsExactly("Java 25");
  }

  @Test
  void theReadmeShowsExactlyTheseSnippets() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String self = Files.readString(SELF, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- snippet: ReadmeTest#(\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      seen.add(name);
      int start = self.indexOf("// snippet:" + name + "\n");
      assertThat(start).as("test region for snippet %s", name).isNotNegative();
      String code = self.substring(self.indexOf('\n', start) + 1, self.indexOf("// end", start));
      assertThat(strip(m.group(2))).as("README snippet %s", name).isEqualTo(strip(code));
    }
    assertThat(seen).containsExactly("pipeline", "agent");
    assertThat(readme.split("```java", -1)).as("every java block of the README is a checked snippet").hasSize(3);
    int at = self.indexOf("// snippet:pipeline\n");
    int pipelineLines = strip(self.substring(at, self.indexOf("// end", at))).size() - 1;
    assertThat(pipelineLines).as("the README pipeline stays a 20-line read").isLessThanOrEqualTo(22);
  }

  private static List<String> strip(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
