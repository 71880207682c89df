package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.Flow.Lane;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationType;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.data.message.AiMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlowTest {
  record Ticket(String id, String body) {}

  record Triage(String category, boolean refund) {}

  record OrderId(String id) {}

  /** The pipeline's state: each node reads it and returns an updated copy. */
  record Case(Ticket ticket, Triage triage, String order, boolean approved, List<String> drafts, String reply,
      int rounds) {
    static Case open(Ticket t) {
      return new Case(t, null, null, false, List.of(), null, 0);
    }

    Case withTriage(Triage t) {
      return new Case(ticket, t, order, approved, drafts, reply, rounds);
    }

    Case withOrder(ToolResult r) {
      return new Case(ticket, triage, r.text(), approved, drafts, reply, rounds);
    }

    Case withApproval(ApprovalDecision d) {
      return new Case(ticket, triage, order, d.approved(), drafts, reply, rounds);
    }

    Case withDrafts(List<String> d) {
      return new Case(ticket, triage, order, approved, d, reply, rounds);
    }

    Case withReply(String r) {
      return new Case(ticket, triage, order, approved, drafts, r, rounds + 1);
    }
  }

  /** Answers by prompt, so concurrent lanes and re-runs always get the same answers. */
  static ScriptedChatModel byPrompt(AtomicInteger calls) {
    return ScriptedChatModel.builder().answer(req -> {
      calls.incrementAndGet();
      String prompt = ((UserMessage) req.messages().get(req.messages().size() - 1)).singleText();
      String text = prompt.startsWith("Reply with only a JSON") ? "{\"category\":\"billing\",\"refund\":true}"
          : prompt.startsWith("formal:") ? "Dear customer, " + prompt.substring(7)
          : prompt.startsWith("casual:") ? "Hey! " + prompt.substring(7)
          : "polished(" + prompt + ")";
      return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }).repeatLast().build();
  }

  static Pipeline<Ticket, Case> pipeline(Llm llm, List<String> lookups, Duration approvalTimeout) {
    DurableTool orders = DurableTool.of("order", "Find an order", OrderId.class, (o, tc) -> {
      lookups.add(o.id());
      return "order " + o.id() + " ($40)";
    });
    Flow<Case, String> formal = Flow.from(Case.class).llm("write", llm, c -> "formal:" + c.order(), Case::withReply)
        .map(String.class, Case::reply);
    Flow<Case, String> casual = Flow.from(Case.class).llm("write", llm, c -> "casual:" + c.order(), Case::withReply)
        .map(String.class, Case::reply);
    Flow<Case, Case> polish = Flow.from(Case.class)
        .llm("polish", llm, c -> c.drafts().get(0), Case::withReply);
    return Flow.from(Ticket.class)
        .map(Case.class, Case::open)
        .llm("classify", llm, c -> c.ticket().body(), Triage.class, Case::withTriage)
        .branch(c -> c.triage().refund(),
            refund -> refund
                .tool("lookup", orders, c -> new OrderId(c.ticket().id()), Case::withOrder)
                .approval("refund-ok", c -> "Refund " + c.order() + "?", approvalTimeout, Case::withApproval),
            other -> other.map(Case.class, c -> c))
        .parallel("drafts", List.of(Lane.of("formal", formal), Lane.of("casual", casual)), Case::withDrafts)
        .then("finish", polish)
        .loop("review", 5, c -> c.rounds() >= 3, round -> round.llm("again", llm, Case::reply, Case::withReply))
        .build();
  }

  @Test
  void aPipelineRunsEveryKindOfNodeAndPausesForItsApproval() {
    AtomicInteger calls = new AtomicInteger();
    List<String> lookups = new ArrayList<>();
    Pipeline<Ticket, Case> p = pipeline(Llm.of(AiModel.of("m", byPrompt(calls))), lookups, Duration.ofHours(4));
    var runner = DurableTestRunner.create(p, p.inputType(), p.outputType());

    TestResult<Case> paused = runner.run(new Ticket("o-5", "I want my money back"));
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);
    runner.completeCallback("refund-ok", new CallbackApprover.Decision(true, "ann", null));
    TestResult<Case> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Case c = done.result();
    assertThat(c.triage()).isEqualTo(new Triage("billing", true));
    assertThat(c.order()).isEqualTo("order o-5 ($40)");
    assertThat(c.approved()).isTrue();
    assertThat(c.drafts()).containsExactly("Dear customer, order o-5 ($40)", "Hey! order o-5 ($40)");
    assertThat(c.rounds()).isEqualTo(3);   // "finish" and two review rounds: the exit condition held before 5
    assertThat(c.reply()).isEqualTo("polished(polished(polished(Dear customer, order o-5 ($40))))");
    assertThat(done.operation("drafts").type()).isEqualTo(OperationType.CONTEXT);
    assertThat(done.operation("review-2")).isNotNull();
    assertThat(done.operations("review-3")).isEmpty();
    assertThat(done.operation("order#lookup")).isNotNull();
    assertThat(lookups).containsExactly("o-5");
    assertThat(calls.get()).isEqualTo(1 + 2 + 1 + 2);
  }

  @Test
  void theOtherBranchSkipsTheToolAndTheApproval() {
    AtomicInteger calls = new AtomicInteger();
    ScriptedChatModel noRefund = ScriptedChatModel.builder().answer(req -> ChatResponse.builder()
        .aiMessage(AiMessage.from(req.messages().size() > 0 && ((UserMessage) req.messages()
            .get(req.messages().size() - 1)).singleText().startsWith("Reply with only a JSON")
            ? "{\"category\":\"question\",\"refund\":false}" : "ok")).build()).repeatLast().build();
    List<String> lookups = new ArrayList<>();
    Pipeline<Ticket, Case> p = pipeline(Llm.of(AiModel.of("m", noRefund)), lookups, Duration.ofHours(4));
    TestResult<Case> done = DurableTestRunner.create(p, p.inputType(), p.outputType())
        .runUntilComplete(new Ticket("o-6", "How do I log in?"));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(lookups).isEmpty();
    assertThat(done.operations("refund-ok")).isEmpty();
    assertThat(calls.get()).isZero();
  }

  @Test
  void everyCrashPointOfThePipelineResumesToTheSameResult() {
    AtomicInteger calls = new AtomicInteger();
    List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
    Pipeline<Ticket, Case> p = pipeline(Llm.of(AiModel.of("m", byPrompt(calls))), lookups, null);
    AtomicInteger approvals = new AtomicInteger();
    CrashPointExplorer.explore(p, p.inputType(), p.outputType(), new Ticket("o-5", "refund please"), runner -> {
      try {
        runner.completeCallback("refund-ok", new CallbackApprover.Decision(true, "ann", null));
        approvals.incrementAndGet();
        return true;
      } catch (RuntimeException alreadyDone) {
        return false;
      }
    }).assertAllPassed();
    assertThat(approvals.get()).isPositive();
  }

  @Test
  void aTimedOutApprovalIsADecisionTheFlowCanBranchOn() {
    AtomicInteger calls = new AtomicInteger();
    List<String> lookups = new ArrayList<>();
    Pipeline<Ticket, Case> p = pipeline(Llm.of(AiModel.of("m", byPrompt(calls))), lookups, Duration.ofHours(4));
    var runner = DurableTestRunner.create(p, p.inputType(), p.outputType());
    runner.run(new Ticket("o-5", "refund"));
    runner.timeoutCallback("refund-ok");
    TestResult<Case> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result().approved()).isFalse();
  }
}
