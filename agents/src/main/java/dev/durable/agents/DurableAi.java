package dev.durable.agents;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.durable.agents.internal.ToolRunner;
import dev.durable.core.DurableContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The code-first entry point: durable LLM calls, tool calls, agents and approvals inside a plain
 * durable function, each executing at once and returning a typed value.
 *
 * <pre>{@code
 * DurableFunction<Ticket, Reply> triage = (ticket, ctx) -> {
 *   DurableAi ai = DurableAi.in(ctx).withApprover(slackApprover);
 *   Classification c = ai.llm("classify").model(claude).system(TRIAGE).user(ticket.body())
 *       .call(Classification.class);
 *   if (c.refund() && !ai.approval("refund-ok", "Refund " + ticket.orderId() + "?", Duration.ofDays(1)).approved()) {
 *     return Reply.declined();
 *   }
 *   AgentResult draft = ai.agent("draft", supportAgent, "Write a reply to: " + ticket.body());
 *   return new Reply(draft.text());
 * };
 * }</pre>
 */
public final class DurableAi {
  private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final DurableContext ctx;
  private final Approver approver;

  private DurableAi(DurableContext ctx, Approver approver) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.approver = Objects.requireNonNull(approver, "approver");
  }

  /** Durable AI operations on {@code ctx}, approving through a logged callback by default. */
  public static DurableAi in(DurableContext ctx) {
    return new DurableAi(ctx, CallbackApprover.loggingOnly());
  }

  /** A copy that approves through {@code newApprover}. */
  public DurableAi withApprover(Approver newApprover) {
    return new DurableAi(ctx, newApprover);
  }

  /** A model call named {@code name} (the step's name: keep it stable). */
  public LlmCall llm(String name) {
    return new LlmCall(ctx, name);
  }

  /** Runs {@code agent} on {@code task} in a child context named {@code name}. */
  public AgentResult agent(String name, Agent agent, String task) {
    return agent.run(ctx, name, task);
  }

  /**
   * Calls {@code tool} directly (not chosen by a model) as the step {@code <tool>#<name>}; pauses for
   * approval first if the tool requires it. {@code arguments} is a record, a map or a JSON string.
   */
  public ToolResult tool(String name, DurableTool tool, Object arguments) {
    String json;
    try {
      json = arguments instanceof String s ? s : JSON.writeValueAsString(arguments);
    } catch (Exception e) {
      throw new AgentException("tool call '" + name + "': cannot write its arguments as JSON: " + e.getMessage(), e);
    }
    return ToolRunner.run(ctx, new ToolCall(name, tool.name(), json), Map.of(tool.name(), tool), approver);
  }

  /** Asks for an approval of {@code question}; waits at most {@code timeout} (null = no limit). */
  public ApprovalDecision approval(String name, String question, Duration timeout) {
    return approver.decide(ctx, name, new ApprovalRequest("step", name, question, timeout));
  }

  /** The underlying context, for plain steps, waits and callbacks. */
  public DurableContext context() {
    return ctx;
  }
}
