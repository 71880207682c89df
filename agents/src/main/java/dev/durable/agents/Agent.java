package dev.durable.agents;

import dev.durable.agents.internal.AgentLoop;
import dev.durable.core.ChildContextFailedException;
import dev.durable.core.DurableContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A tool-using agent: model → tools → model … until the model answers without tools. Every model
 * turn and every tool call is its own durable step, so a resumed run continues where it stopped
 * and pays for nothing twice. Immutable; build once and run from any workflow.
 *
 * <pre>{@code
 * Agent researcher = Agent.builder()
 *     .model(claude).fallback(llama)                     // the answering model is recorded
 *     .system("You research questions with the tools.")
 *     .tools(DurableTool.fromObjects(new WebTools(http)))
 *     .maxTurns(12)
 *     .budget(Budget.tokens(200_000).andCost(2.00).askToContinue())
 *     .build();
 * AgentResult r = researcher.run(ctx, "research", "What changed in Java 25?");
 * }</pre>
 *
 * <p>The run happens in a child context named after the run; inside it the turns are steps
 * {@code turn-1}, {@code turn-2} …, the tools steps {@code <tool>#<callId>}, parallel tool calls a
 * {@code tools-<turn>} parallel. The conversation is rebuilt from those journaled answers and tool
 * results on replay, so the journal grows by one answer and its tool results per turn, never by
 * the whole history.
 *
 * @param models the model and its fallbacks, in order
 * @param system the system prompt, or null
 * @param tools the tools by name
 * @param maxTurns the most model calls in one run
 * @param budget the token and cost budget
 * @param approver who approves tools and budget extensions
 * @param parallelTools run several tool calls of one turn in parallel child contexts
 * @param maxAttempts durable attempts per model call for throttling and 5xx
 */
public record Agent(List<AiModel> models, String system, Map<String, DurableTool> tools, int maxTurns,
    Budget budget, Approver approver, boolean parallelTools, int maxAttempts) {

  public Agent {
    models = List.copyOf(models);
    tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));   // keeps the order the model sees
    if (models.isEmpty()) {
      throw new IllegalArgumentException("an agent needs a model; set one with Agent.builder().model(...)");
    }
    if (maxTurns < 1) {
      throw new IllegalArgumentException("maxTurns must be >= 1, got " + maxTurns);
    }
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(approver, "approver");
  }

  /** A builder with 10 turns, no budget, parallel tools and the logging callback approver. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the agent on {@code task} in a child context named {@code name}. */
  public AgentResult run(DurableContext ctx, String name, String task) {
    return run(ctx, name, task, null);
  }

  /**
   * Runs the agent, streaming each turn's text to {@code onToken} (models need a
   * {@link dev.langchain4j.model.chat.StreamingChatModel}). Only final answers are journaled; turns
   * that replay send their recorded text in one piece, and a run that already finished sends its
   * final answer once.
   */
  public AgentResult run(DurableContext ctx, String name, String task, Consumer<String> onToken) {
    if (task == null || task.isBlank()) {
      throw new IllegalArgumentException("agent run '" + name + "' needs a task; got an empty one");
    }
    AtomicBoolean ran = new AtomicBoolean();
    AgentResult result;
    try {
      result = ctx.runInChildContext(name, AgentResult.class, child -> {
        ran.set(true);
        return AgentLoop.run(child, name, this, task, onToken);
      });
    } catch (ChildContextFailedException e) {
      throw AgentLoop.unwrap(e);
    }
    if (onToken != null && !ran.get() && result.text() != null) {
      onToken.accept(result.text());
    }
    return result;
  }

  /** Builds an {@link Agent}. */
  public static final class Builder {
    private final List<AiModel> models = new ArrayList<>();
    private final Map<String, DurableTool> tools = new LinkedHashMap<>();
    private AiModel primary;
    private String system;
    private int maxTurns = 10;
    private Budget budget = Budget.UNLIMITED;
    private Approver approver = CallbackApprover.loggingOnly();
    private boolean parallelTools = true;
    private int maxAttempts = 6;

    private Builder() {}

    /** The model asked first. */
    public Builder model(AiModel model) {
      this.primary = Objects.requireNonNull(model, "model");
      return this;
    }

    /** Models asked, in order, when the ones before are throttled or down. */
    public Builder fallback(AiModel... more) {
      models.addAll(List.of(more));
      return this;
    }

    /** The system prompt. */
    public Builder system(String text) {
      this.system = text;
      return this;
    }

    /** Adds tools; names must be unique. */
    public Builder tools(Collection<DurableTool> more) {
      for (DurableTool t : more) {
        if (tools.putIfAbsent(t.name(), t) != null) {
          throw new IllegalArgumentException("two tools are named '" + t.name() + "'; tool names must be unique");
        }
      }
      return this;
    }

    /** Adds tools. */
    public Builder tools(DurableTool... more) {
      return tools(List.of(more));
    }

    /** The most model calls in one run (default 10). */
    public Builder maxTurns(int turns) {
      this.maxTurns = turns;
      return this;
    }

    /** The run's budget (default unlimited). */
    public Builder budget(Budget newBudget) {
      this.budget = newBudget;
      return this;
    }

    /** Who approves tools and budget extensions (default: a logged callback). */
    public Builder approver(Approver newApprover) {
      this.approver = newApprover;
      return this;
    }

    /** Whether several tool calls of one turn run in parallel (default true). */
    public Builder parallelTools(boolean parallel) {
      this.parallelTools = parallel;
      return this;
    }

    /** Durable attempts per model call for throttling and 5xx (default 6). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The agent. */
    public Agent build() {
      if (primary == null) {
        throw new IllegalArgumentException("an agent needs a model; set one with .model(...)");
      }
      List<AiModel> chain = new ArrayList<>();
      chain.add(primary);
      chain.addAll(models);
      return new Agent(chain, system, tools, maxTurns, budget, approver, parallelTools, maxAttempts);
    }
  }
}
