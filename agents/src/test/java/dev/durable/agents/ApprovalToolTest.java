package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ApprovalToolTest {
  record Refund(String orderId, long cents) {}

  final List<String> refunds = new CopyOnWriteArrayList<>();
  final List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();

  DurableTool refundTool() {
    return DurableTool.of("refund", "Refunds an order", Refund.class, (r, tc) -> {
      refunds.add(r.orderId() + ":" + r.cents());
      return "refunded " + r.cents();
    }).requiringApproval(Duration.ofHours(24));
  }

  DurableTestRunner<String, AgentResult> runner(ScriptedChatModel model) {
    Approver approver = CallbackApprover.notifying((callbackId, request, step) -> asked.add(request));
    Agent agent = Agent.builder().model(AiModel.of("m", model)).tools(refundTool()).approver(approver).build();
    DurableFunction<String, AgentResult> fn = (task, ctx) -> agent.run(ctx, "support", task);
    return DurableTestRunner.create(fn, String.class, AgentResult.class);
  }

  static ScriptedChatModel refundThenAnswer() {
    return ScriptedChatModel.builder()
        .toolCall(new ToolCall("t1", "refund", "{\"orderId\":\"o-9\",\"cents\":4000}"))
        .answer(request -> {
          var last = (dev.langchain4j.data.message.ToolExecutionResultMessage)
              request.messages().get(request.messages().size() - 1);
          return dev.langchain4j.model.chat.response.ChatResponse.builder()
              .aiMessage(dev.langchain4j.data.message.AiMessage.from("Tool said: " + last.text())).build();
        })
        .build();
  }

  // run(): one invocation. runUntilComplete would skip time to the approval's 24-hour timeout.
  @Test
  void anApprovedToolRunsOnceWithTheExactArgumentsThatWereApproved() {
    ScriptedChatModel model = refundThenAnswer();
    var runner = runner(model);
    TestResult<AgentResult> paused = runner.run("refund o-9");

    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(refunds).isEmpty();
    assertThat(asked).singleElement().satisfies(req -> {
      assertThat(req.kind()).isEqualTo("tool");
      assertThat(req.subject()).isEqualTo("refund");
      assertThat(req.details()).isEqualTo("{\"orderId\":\"o-9\",\"cents\":4000}");
    });
    runner.completeCallback("approve-refund#t1", new CallbackApprover.Decision(true, "ann", "fine"));
    TestResult<AgentResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(refunds).containsExactly("o-9:4000");
    assertThat(done.result().text()).isEqualTo("Tool said: refunded 4000");
    assertThat(model.calls()).isEqualTo(2);   // the model is never asked to re-run the tool
  }

  @Test
  void aRejectedToolIsNotRunAndTheModelIsToldWhy() {
    ScriptedChatModel model = refundThenAnswer();
    var runner = runner(model);
    runner.run("refund o-9");
    runner.completeCallback("approve-refund#t1", new CallbackApprover.Decision(false, "bob", "over limit"));
    TestResult<AgentResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(refunds).isEmpty();
    assertThat(done.result().text()).contains("rejected by bob: over limit").contains("Do not call it again");
    assertThat(done.result().toolResults()).singleElement().extracting(ToolResult::error).isEqualTo(true);
  }

  @Test
  void aTimedOutApprovalIsNotRunAndTheModelIsTold() {
    ScriptedChatModel model = refundThenAnswer();
    var runner = runner(model);
    runner.run("refund o-9");
    runner.timeoutCallback("approve-refund#t1");
    TestResult<AgentResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(refunds).isEmpty();
    assertThat(done.result().text()).contains("timed out");
  }

  @Test
  void aToolSetToFailWhenDeniedFailsTheAgent() {
    ScriptedChatModel model = refundThenAnswer();
    Agent agent = Agent.builder().model(AiModel.of("m", model))
        .tools(refundTool().withOptions(refundTool().options().failWhenDenied()))
        .approver(CallbackApprover.loggingOnly()).build();
    var runner = DurableTestRunner.create((DurableFunction<String, AgentResult>) (t, ctx) -> agent.run(ctx, "a", t),
        String.class, AgentResult.class);
    runner.run("refund");
    runner.completeCallback("approve-refund#t1", new CallbackApprover.Decision(false, "bob", null));
    TestResult<AgentResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorType()).isEqualTo(AgentException.class.getName());
    assertThat(done.error().errorMessage()).contains("refund#t1").contains("rejected by bob");
  }

  @Test
  void theApprovalRequestHashCoversTheExactArguments() {
    var a = ApprovalRequest.forTool("refund", "{\"cents\":1}", null);
    var b = ApprovalRequest.forTool("refund", "{\"cents\":2}", null);
    assertThat(a.hash()).isNotEqualTo(b.hash()).hasSize(64);
    assertThat(a.hash()).isEqualTo(ApprovalRequest.forTool("refund", "{\"cents\":1}", null).hash());
  }
}
