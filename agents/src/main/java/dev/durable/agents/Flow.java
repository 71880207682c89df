package dev.durable.agents;

import dev.durable.agents.internal.FlowNode;
import dev.durable.core.BatchOptions;
import dev.durable.core.Branch;
import dev.durable.core.DurableContext;
import dev.durable.core.StepContext;
import dev.durable.core.TypeToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The typed pipeline builder. A flow starts from its input type and each node turns the current
 * value into the next, so the compiler checks that every node gets what the one before produced.
 * The usual style is a state record that nodes read and update ({@code (state, answer) ->
 * state.withX(answer)}). {@link #build()} gives a {@link Pipeline}: a {@link
 * dev.durable.core.DurableFunction} for the embedded runtime, the test kit or Lambda.
 *
 * <pre>{@code
 * Pipeline<Ticket, Case> triage = Flow.from(Ticket.class)
 *     .map(Case.class, Case::open)
 *     .llm("classify", triager, c -> c.ticket().body(), Category.class, Case::withCategory)
 *     .when(c -> c.category().refund(), refund -> refund
 *         .tool("lookup", orders, c -> new OrderId(c.ticket().orderId()), Case::withOrder)
 *         .approval("refund-ok", c -> "Refund " + c.order() + "?", Duration.ofDays(1), Case::withApproval))
 *     .llm("reply", writer, Case::replyPrompt, Case::withReply)
 *     .build();
 * }</pre>
 *
 * <p>Names are the replay identity of the journaled nodes ({@code step}, {@code llm}, {@code tool},
 * {@code agent}, {@code approval}, {@code parallel}, {@code forEach}, {@code loop}, {@code then}):
 * keep them stable. Predicates, prompts and merge functions must be deterministic; they run again
 * on replay over journaled values.
 *
 * @param <I> the pipeline's input type
 * @param <T> the type of the value at this point
 */
public final class Flow<I, T> {
  private final TypeToken<I> input;
  private final TypeToken<T> type;
  private final List<FlowNode> nodes;
  private final Approver approver;

  private Flow(TypeToken<I> input, TypeToken<T> type, List<FlowNode> nodes, Approver approver) {
    this.input = input;
    this.type = type;
    this.nodes = List.copyOf(nodes);
    this.approver = approver;
  }

  /** A flow whose input (and first value) is of {@code type}. */
  public static <I> Flow<I, I> from(Class<I> type) {
    return from(TypeToken.of(type));
  }

  /** A flow for a generic input type. */
  public static <I> Flow<I, I> from(TypeToken<I> type) {
    return new Flow<>(type, type, List.of(), CallbackApprover.loggingOnly());
  }

  /**
   * Approvals go through {@code newApprover}. Set it on the flow you {@link #build()}: the built
   * pipeline hands it to every sub-flow, lane and loop round (their own setting is not used).
   */
  public Flow<I, T> approver(Approver newApprover) {
    return new Flow<>(input, type, nodes, Objects.requireNonNull(newApprover, "approver"));
  }

  /** A journaled step: {@code body} runs once, its result is recorded and becomes the value. */
  public <U> Flow<I, U> step(String name, Class<U> resultType, StepBody<T, U> body) {
    return next(TypeToken.of(resultType), (v, ctx, a) ->
        ctx.step(name, resultType, s -> body.run(cast(v), s)));
  }

  /** A pure, deterministic transformation: not journaled, so it must not do I/O or read the clock. */
  public <U> Flow<I, U> map(Class<U> resultType, Function<T, U> fn) {
    return next(TypeToken.of(resultType), (v, ctx, a) -> fn.apply(cast(v)));
  }

  /** A model call answering text; {@code merge} folds the answer into the value. */
  public Flow<I, T> llm(String name, Llm llm, Function<T, String> prompt, BiFunction<T, String, T> merge) {
    return same((v, ctx, a) -> merge.apply(cast(v), call(ctx, name, llm, prompt.apply(cast(v))).text()));
  }

  /** A model call answering a {@code answerType} record (schema, parsing and re-asks included). */
  public <R> Flow<I, T> llm(String name, Llm llm, Function<T, String> prompt, Class<R> answerType,
      BiFunction<T, R, T> merge) {
    return same((v, ctx, a) -> merge.apply(cast(v), call(ctx, name, llm, prompt.apply(cast(v))).call(answerType)));
  }

  /** A direct tool call (approval first if the tool requires it); its step is {@code <tool>#<name>}. */
  public Flow<I, T> tool(String name, DurableTool tool, Function<T, Object> arguments,
      BiFunction<T, ToolResult, T> merge) {
    return same((v, ctx, a) -> merge.apply(cast(v),
        DurableAi.in(ctx).withApprover(a).tool(name, tool, arguments.apply(cast(v)))));
  }

  /** Runs an agent on a task built from the value, in a child context named {@code name}. */
  public Flow<I, T> agent(String name, Agent agent, Function<T, String> task, BiFunction<T, AgentResult, T> merge) {
    return same((v, ctx, a) -> merge.apply(cast(v), agent.run(ctx, name, task.apply(cast(v)))));
  }

  /** Pauses for a human decision on {@code question}; {@code timeout} null waits without limit. */
  public Flow<I, T> approval(String name, Function<T, String> question, Duration timeout,
      BiFunction<T, ApprovalDecision, T> merge) {
    return same((v, ctx, a) -> merge.apply(cast(v),
        a.decide(ctx, name, new ApprovalRequest("step", name, question.apply(cast(v)), timeout))));
  }

  /** Runs {@code then} only if {@code condition} holds for the value. */
  public Flow<I, T> when(Predicate<T> condition, UnaryOperator<Flow<T, T>> then) {
    return branch(condition, then, UnaryOperator.identity());
  }

  /** Runs {@code then} if {@code condition} holds, else {@code otherwise}. */
  public Flow<I, T> branch(Predicate<T> condition, UnaryOperator<Flow<T, T>> then,
      UnaryOperator<Flow<T, T>> otherwise) {
    List<FlowNode> yes = then.apply(Flow.from(type)).nodes;
    List<FlowNode> no = otherwise.apply(Flow.from(type)).nodes;
    return same((v, ctx, a) -> FlowNode.runAll(condition.test(cast(v)) ? yes : no, v, ctx, a));
  }

  /**
   * Runs the lanes concurrently, each in its own child context named after the lane, all starting
   * from the current value; {@code join} combines their results (in lane order) into the value.
   */
  public <R> Flow<I, T> parallel(String name, List<Lane<T, R>> lanes, BiFunction<T, List<R>, T> join) {
    if (lanes.isEmpty()) {
      throw new IllegalArgumentException("parallel '" + name + "' needs at least one lane");
    }
    TypeToken<R> laneType = lanes.get(0).flow().type;
    return same((v, ctx, a) -> {
      List<Branch<R>> branches = lanes.stream()
          .map(l -> Branch.<R>of(l.name(), c -> cast(FlowNode.runAll(l.flow().nodes, v, c, a)))).toList();
      return join.apply(cast(v), ctx.parallel(name, laneType, branches, BatchOptions.defaults()).throwIfError().results());
    });
  }

  /** Runs {@code body} for each item (a map of child contexts, at most {@code maxConcurrency} at once). */
  public <X, R> Flow<I, T> forEach(String name, Function<T, List<X>> items, int maxConcurrency, Flow<X, R> body,
      BiFunction<T, List<R>, T> join) {
    return same((v, ctx, a) -> {
      List<X> list = items.apply(cast(v));
      var result = ctx.map(name, list, body.type, (item, i, c) -> cast(FlowNode.runAll(body.nodes, item, c, a)),
          BatchOptions.maxConcurrency(maxConcurrency));
      return join.apply(cast(v), result.throwIfError().results());
    });
  }

  /**
   * Repeats {@code body} (each round a child context {@code <name>-<round>}) until {@code done} holds
   * after a round, at most {@code maxIterations} rounds; then the flow goes on with the last value.
   */
  public Flow<I, T> loop(String name, int maxIterations, Predicate<T> done, UnaryOperator<Flow<T, T>> body) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("loop '" + name + "' needs maxIterations >= 1, got " + maxIterations);
    }
    List<FlowNode> round = body.apply(Flow.from(type)).nodes;
    return same((v, ctx, a) -> {
      T current = cast(v);
      for (int i = 1; i <= maxIterations; i++) {
        T in = current;
        current = ctx.runInChildContextAsync(name + "-" + i, type, c -> cast(FlowNode.runAll(round, in, c, a))).get();
        if (done.test(current)) {
          break;
        }
      }
      return current;
    });
  }

  /** Runs a reusable sub-flow in a child context named {@code name}; its result becomes the value. */
  public <U> Flow<I, U> then(String name, Flow<T, U> sub) {
    return next(sub.type, (v, ctx, a) ->
        ctx.runInChildContextAsync(name, sub.type, c -> cast(FlowNode.runAll(sub.nodes, v, c, a))).get());
  }

  /** The finished pipeline. */
  public Pipeline<I, T> build() {
    List<FlowNode> all = nodes;
    Approver a = approver;
    return new Pipeline<>(input, type, (in, ctx) -> cast(FlowNode.runAll(all, in, ctx, a)));
  }

  /** The type of the value at this point. */
  public TypeToken<T> type() {
    return type;
  }

  /** A body of a {@link #step}: the value and the step's context (attempt, idempotency key). */
  @FunctionalInterface
  public interface StepBody<T, U> {
    /** Computes the step's result. */
    U run(T value, StepContext step) throws Exception;
  }

  /**
   * A named lane of a {@link #parallel}.
   *
   * @param name the lane's child-context name
   * @param flow what the lane does, starting from the parallel's input value
   */
  public record Lane<T, R>(String name, Flow<T, R> flow) {
    /** A lane. */
    public static <T, R> Lane<T, R> of(String name, Flow<T, R> flow) {
      return new Lane<>(name, flow);
    }
  }

  private static LlmCall call(DurableContext ctx, String name, Llm llm, String prompt) {
    return DurableAi.in(ctx).llm(name).use(llm).user(prompt);
  }

  private <U> Flow<I, U> next(TypeToken<U> newType, FlowNode node) {
    List<FlowNode> more = new ArrayList<>(nodes);
    more.add(node);
    return new Flow<>(input, newType, more, approver);
  }

  private Flow<I, T> same(FlowNode node) {
    return next(type, node);
  }

  @SuppressWarnings("unchecked")
  private static <X> X cast(Object value) {
    return (X) value;
  }
}
