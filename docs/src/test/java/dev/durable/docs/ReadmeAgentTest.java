package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.Agent;
import dev.durable.agents.AiModel;
import dev.durable.agents.Budget;
import dev.durable.agents.CallbackApprover;
import dev.durable.agents.DurableAi;
import dev.durable.agents.DurableTool;
import dev.durable.agents.ToolCall;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import dev.langchain4j.agent.tool.Tool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The agent example of README.md, run with offline scripted models; DocSnippetsTest keeps the README in step. */
class ReadmeAgentTest {

  record Ticket(String customer, String body) {}

  record Category(String label, boolean urgent) {}

  record Refund(String orderId, long cents) {}

  public static final class OrderTools {
    @Tool("Looks up an order by id")
    public String lookupOrder(String orderId) {
      return "order " + orderId + ": delivered, 42.00 EUR";
    }
  }

  final List<String> payments = new CopyOnWriteArrayList<>();
  final List<String> mails = new CopyOnWriteArrayList<>();

  String refund(String orderId, long cents, String idempotencyKey) {
    payments.add(orderId + ":" + cents);
    return "refunded " + cents + " cents on " + orderId;
  }

  String send(String to, String text, String idempotencyKey) {
    mails.add(to + ": " + text);
    return "sent";
  }

  @Test
  void theSupportAgentPausesForTheRefundApprovalAndFinishesAfterIt() {
    ScriptedChatModel scripted = ScriptedChatModel.builder()
        .reply("{\"label\":\"damaged\",\"urgent\":true}")
        .toolCall(new ToolCall("c1", "lookupOrder", "{\"orderId\":\"o-7\"}"))
        .toolCall(new ToolCall("c2", "refund", "{\"orderId\":\"o-7\",\"cents\":4200}"))
        .reply("We refunded 42.00 EUR for order o-7. Sorry about the broken vase!")
        .build();
    AiModel claude = AiModel.of("claude", scripted);
    AiModel llama = AiModel.of("llama", ScriptedChatModel.builder().build());
    Ticket ticket = new Ticket("ada@example.com", "Order o-7 arrived broken. I want my money back.");
    // snippet:agent
    DurableTool refund = DurableTool.of("refund", "Refunds an order, in cents", Refund.class,
            (r, tool) -> refund(r.orderId(), r.cents(), tool.idempotencyKey()))
        .requiringApproval(Duration.ofDays(2));               // a human approves each exact call

    Agent support = Agent.builder()
        .model(claude).fallback(llama)                        // the model that answered is journaled
        .system("Resolve the ticket. Look the order up before refunding.")
        .tools(DurableTool.fromObjects(new OrderTools()))     // langchain4j @Tool methods
        .tools(refund)
        .budget(Budget.cost(0.50).askToContinue())            // pause for approval past 50 cents
        .build();

    DurableFunction<Ticket, String> triage = (t, ctx) -> {
      Category c = DurableAi.in(ctx).llm("classify").model(claude).user(t.body()).call(Category.class);
      String reply = support.run(ctx, "resolve", "A " + c.label() + " ticket: " + t.body()).text();
      ctx.step("send", String.class, s -> send(t.customer(), reply, s.idempotencyKey()));
      return reply;
    };
    // end
    // snippet:test
    var runner = DurableTestRunner.create(triage, Ticket.class, String.class);
    TestResult<String> paused = runner.run(ticket);               // suspends at the refund, holding no thread
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);

    runner.completeCallback("approve-refund#c2", new CallbackApprover.Decision(true, "ann", "ok"));
    assertThat(runner.resume().result()).startsWith("We refunded 42.00 EUR");
    assertThat(scripted.calls()).isEqualTo(4);                    // the replay asked the model nothing again
    // end
    assertThat(payments).containsExactly("o-7:4200");
    assertThat(mails).hasSize(1);
  }
}
