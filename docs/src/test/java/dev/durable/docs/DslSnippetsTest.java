package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.Agent;
import dev.durable.agents.AgentResult;
import dev.durable.agents.AiModel;
import dev.durable.agents.ApprovalDecision;
import dev.durable.agents.CallbackApprover;
import dev.durable.agents.DurableTool;
import dev.durable.agents.Flow;
import dev.durable.agents.Flow.Lane;
import dev.durable.agents.Llm;
import dev.durable.agents.Pipeline;
import dev.durable.agents.ToolCall;
import dev.durable.agents.ToolResult;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationStatus;
import dev.durable.lambda.DurableHandler;
import dev.durable.local.LocalRuntime;
import dev.durable.core.service.StartResult;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/dsl.md: every node kind of the pipeline DSL, run on the test kit with offline models. */
class DslSnippetsTest {

  record Ticket(String id, String orderId, String body) {}

  record Category(String label, boolean refund) {}

  record OrderId(String id) {}

  record Sent(String ticketId, String messageId) {}

  /** The state record the nodes read and update. */
  record Case(Ticket ticket, Category category, String order, List<String> notes, String reply, String decision) {
    static Case open(Ticket t) {
      return new Case(t, null, null, List.of(), null, null);
    }

    Case withCategory(Category c) {
      return new Case(ticket, c, order, notes, reply, decision);
    }

    Case withOrder(ToolResult r) {
      return new Case(ticket, category, r.text(), notes, reply, decision);
    }

    Case withNotes(List<String> n) {
      return new Case(ticket, category, order, List.copyOf(n), reply, decision);
    }

    Case withReply(String r) {
      return new Case(ticket, category, order, notes, r, decision);
    }

    Case withAgentReply(AgentResult r) {
      return withReply(r.text());
    }

    Case withDecision(ApprovalDecision d) {
      return new Case(ticket, category, order, notes, reply, d.describe());
    }

    Case withShortest(List<Case> drafts) {
      return withReply(drafts.stream().map(Case::reply).min((a, b) -> a.length() - b.length()).orElseThrow());
    }

    boolean refund() {
      return category != null && category.refund();
    }

    boolean approved() {
      return decision != null && decision.startsWith("approved");
    }
  }

  interface Mailer {
    String send(Case c, String idempotencyKey);
  }

  /** An offline model whose answer is a function of the first user message (order-independent, so lanes may interleave). */
  static AiModel fake(String id, Function<String, String> answer) {
    return AiModel.of(id, ScriptedChatModel.builder().name(id).answer(request -> reply(request, answer)).repeatLast()
        .build());
  }

  private static ChatResponse reply(ChatRequest request, Function<String, String> answer) {
    String prompt = request.messages().stream().filter(m -> m instanceof UserMessage).map(m -> ((UserMessage) m)
        .singleText()).findFirst().orElse("");
    return ChatResponse.builder().aiMessage(AiMessage.from(answer.apply(prompt))).build();
  }

  final List<String> sent = new CopyOnWriteArrayList<>();
  final Mailer mailer = (c, key) -> {
    sent.add(c.ticket().id() + ":" + key);
    return "msg-" + c.ticket().id();
  };
  final Llm triager = Llm.of(fake("triager", p -> p.contains("refund")
      ? "{\"label\":\"billing\",\"refund\":true}" : "{\"label\":\"question\",\"refund\":false}"));
  final Llm writer = Llm.of(fake("writer", p -> p.startsWith("Shorten") ? p.substring(9, Math.min(p.length(), 69))
      : "Dear customer, about your ticket: " + p + ". We are on it and will follow up shortly."))
      .withSystem("You write friendly support replies.");
  final Llm researcher = Llm.of(fake("researcher", p -> "note on " + p));
  final DurableTool lookupOrder = DurableTool.of("lookupOrder", "Looks up an order by id", OrderId.class,
      (args, tool) -> "order " + args.id() + ": delivered, 42.00 EUR");

  Pipeline<Ticket, Sent> triage() {
    // snippet:firstPipeline
    Pipeline<Ticket, Sent> triage = Flow.from(Ticket.class)
        .map(Case.class, Case::open)                                       // pure: not journaled
        .llm("classify", triager, c -> "Classify: " + c.ticket().body(), Category.class, Case::withCategory)
        .when(Case::refund, refund -> refund
            .tool("order", lookupOrder, c -> new OrderId(c.ticket().orderId()), Case::withOrder)
            .approval("refund-ok", c -> "Refund " + c.order() + "?", Duration.ofDays(1), Case::withDecision))
        .llm("reply", writer, c -> c.ticket().body() + (c.approved() ? " (refund approved)" : ""), Case::withReply)
        .step("send", Sent.class, (c, step) -> new Sent(c.ticket().id(), mailer.send(c, step.idempotencyKey())))
        .build();
    // end
    return triage;
  }

  @Test
  void theFirstPipelinePausesForTheRefundApprovalAndFinishes() {
    Pipeline<Ticket, Sent> triage = triage();
    // snippet:testPipeline
    var runner = DurableTestRunner.create(triage, Ticket.class, Sent.class);
    TestResult<Sent> paused = runner.run(new Ticket("t-1", "o-7", "I want a refund, it arrived broken"));
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);        // waiting for "refund-ok"

    runner.completeCallback("refund-ok", new CallbackApprover.Decision(true, "ann", "ok"));
    TestResult<Sent> done = runner.resume();
    assertThat(done.result().messageId()).isEqualTo("msg-t-1");
    assertThat(done.operation("lookupOrder#order").status()).isEqualTo(OperationStatus.SUCCEEDED);
    // end
    assertThat(sent).hasSize(1);
  }

  @Test
  void aQuestionSkipsTheRefundBranchAndSurvivesEveryCrashPoint() {
    Pipeline<Ticket, Sent> triage = triage();
    TestResult<Sent> done = DurableTestRunner.create(triage, Ticket.class, Sent.class)
        .runUntilComplete(new Ticket("t-2", "o-8", "Where is my parcel?"));
    assertThat(done.result()).isEqualTo(new Sent("t-2", "msg-t-2"));
    assertThat(done.operations()).noneMatch(op -> "refund-ok".equals(op.name()));
    CrashPointExplorer.explore(triage, Ticket.class, Sent.class, new Ticket("t-3", "o-9", "Where is it?"))
        .assertAllPassed();
  }

  @Test
  void agentNodeAndBranch() {
    ScriptedChatModel agentModel = ScriptedChatModel.builder()
        .toolCall(new ToolCall("c1", "lookupOrder", "{\"id\":\"o-7\"}"))
        .reply("Your order o-7 was delivered; we refund it today.")
        .build();
    AiModel claude = AiModel.of("claude", agentModel);
    // snippet:agentAndBranch
    Agent support = Agent.builder().model(claude).tools(lookupOrder).maxTurns(6)
        .system("Answer support tickets; look orders up with the tool.").build();

    Pipeline<Ticket, Case> answer = Flow.from(Ticket.class)
        .map(Case.class, Case::open)
        .llm("classify", triager, c -> "Classify: " + c.ticket().body(), Category.class, Case::withCategory)
        .branch(Case::refund,
            refund -> refund.agent("investigate", support, c -> "Ticket about " + c.ticket().orderId()
                + ": " + c.ticket().body(), Case::withAgentReply),
            other -> other.llm("answer", writer, c -> c.ticket().body(), Case::withReply))
        .build();
    // end
    TestResult<Case> done = DurableTestRunner.create(answer, Ticket.class, Case.class)
        .runUntilComplete(new Ticket("t-4", "o-7", "refund please"));
    assertThat(done.result().reply()).isEqualTo("Your order o-7 was delivered; we refund it today.");
    assertThat(agentModel.calls()).isEqualTo(2);
    assertThat(done.operations()).noneMatch(op -> "answer".equals(op.name()));
  }

  @Test
  void parallelForEachLoopAndSubFlow() {
    // snippet:fanOut
    Flow<Case, Case> drafting = Flow.from(Case.class)
        .forEach("research", c -> List.of("refund policy", "order " + c.ticket().orderId()), 2,
            Flow.from(String.class).llm("note", researcher, topic -> "Find " + topic, (topic, note) -> note),
            Case::withNotes)                                               // results in item order
        .parallel("drafts", List.of(
                Lane.of("friendly", Flow.from(Case.class).llm("write", writer, c -> "Warmly: " + c.ticket().body(),
                    Case::withReply)),
                Lane.of("formal", Flow.from(Case.class).llm("write", writer, c -> "Formally: " + c.ticket().body(),
                    Case::withReply))),
            Case::withShortest)                                            // join: lane results in lane order
        .loop("tighten", 3, c -> c.reply().length() <= 60, round -> round
            .llm("shorten", writer, c -> "Shorten: " + c.reply(), Case::withReply));

    Pipeline<Ticket, Case> answer = Flow.from(Ticket.class)
        .map(Case.class, Case::open)
        .then("draft", drafting)                                           // a sub-flow in its own child context
        .build();
    // end
    TestResult<Case> done = DurableTestRunner.create(answer, Ticket.class, Case.class)
        .runUntilComplete(new Ticket("t-5", "o-3", "the lid is missing"));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result().notes()).containsExactly("note on Find refund policy", "note on Find order o-3");
    assertThat(done.result().reply().length()).isLessThanOrEqualTo(60);
    List<String> names = new ArrayList<>();
    done.operations().forEach(op -> names.add(op.name()));
    assertThat(names).contains("draft", "research", "drafts", "friendly", "formal", "tighten-1").doesNotContain(
        "tighten-2");
    CrashPointExplorer.explore(answer, Ticket.class, Case.class, new Ticket("t-6", "o-4", "late")).assertAllPassed();
  }

  @Test
  void aLoopStopsAtItsMaximum() {
    AtomicInteger rounds = new AtomicInteger();
    Pipeline<String, String> never = Flow.from(String.class)
        .loop("grow", 3, s -> false, r -> r.step("append", String.class, (s, step) -> {
          rounds.incrementAndGet();
          return s + "!";
        }))
        .build();
    TestResult<String> done = DurableTestRunner.create(never, String.class, String.class).runUntilComplete("a");
    assertThat(done.result()).isEqualTo("a!!!");
    assertThat(rounds).hasValue(3);
  }

  @Test
  void runsOnEveryRuntime(@TempDir Path dir) throws Exception {
    Pipeline<Ticket, Sent> triage = triage();
    Path storeFile = dir.resolve("durable.db");
    Ticket ticket = new Ticket("t-7", "o-1", "Where is my parcel?");
    // snippet:runtimes
    // the test kit: in memory, manual clock
    TestResult<Sent> tested = DurableTestRunner.create(triage, triage.inputType(), triage.outputType())
        .runUntilComplete(ticket);

    // the embedded runtime: SQLite journal, a worker resumes runs after waits, callbacks and restarts
    try (LocalRuntime rt = LocalRuntime.builder().storePath(storeFile).build()) {
      rt.register("triage", triage, triage.inputType(), triage.outputType());
      rt.startWorker();
      StartResult run = rt.start("triage", "ticket-" + ticket.id(), ticket);
      Sent sentMail = rt.await(run.executionArn(), Sent.class, Duration.ofSeconds(30));
    }
    // end
    assertThat(tested.result().messageId()).isEqualTo("msg-t-7");
    assertThat(sent).hasSize(2);
    assertThat(new TriageHandler()).isInstanceOf(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class);
  }

  // snippet:lambda
  // AWS Lambda: name this class as the function's handler (see deploy-lambda.md)
  public static final class TriageHandler extends DurableHandler<Ticket, Sent> {
    public TriageHandler() {
      super(new DslSnippetsTest().triage(), Ticket.class);
    }
  }
  // end
}
