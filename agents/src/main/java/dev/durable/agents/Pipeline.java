package dev.durable.agents;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import java.util.Objects;

/**
 * A built {@link Flow}: a durable function with its input and output types, ready to register on
 * the embedded runtime, run in the test kit or deploy to Lambda.
 *
 * <pre>{@code
 * Pipeline<Ticket, Case> triage = Flow.from(Ticket.class)...build();
 * DurableTestRunner.create(triage, triage.inputType(), triage.outputType()).runUntilComplete(ticket);
 * runtime.register("triage", triage, Ticket.class, Case.class);
 * }</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class Pipeline<I, O> implements DurableFunction<I, O> {
  private final TypeToken<I> inputType;
  private final TypeToken<O> outputType;
  private final DurableFunction<I, O> body;

  Pipeline(TypeToken<I> inputType, TypeToken<O> outputType, DurableFunction<I, O> body) {
    this.inputType = Objects.requireNonNull(inputType);
    this.outputType = Objects.requireNonNull(outputType);
    this.body = Objects.requireNonNull(body);
  }

  @Override
  public O apply(I input, DurableContext ctx) throws Exception {
    return body.apply(input, ctx);
  }

  /** The input type. */
  public TypeToken<I> inputType() {
    return inputType;
  }

  /** The output type. */
  public TypeToken<O> outputType() {
    return outputType;
  }
}
