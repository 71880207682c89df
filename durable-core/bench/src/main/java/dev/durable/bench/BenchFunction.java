package dev.durable.bench;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepBody;
import java.time.Duration;

/**
 * The benchmark workflow: {@code steps} steps that each return the same pre-built
 * {@link StepRecord} (a no-op body), optionally followed by a one-second durable wait so that the
 * invocation suspends and the next one replays every step.
 *
 * <p>Counts body runs so that a benchmark can check that a replay ran no body, and keeps the last
 * step result so that it can check what the journal gave back.
 */
public final class BenchFunction implements DurableFunction<BenchFunction.Input, Integer> {

  /**
   * The execution's input.
   *
   * @param steps how many steps to run
   */
  public record Input(int steps) {}

  private final StepRecord payload;
  private final boolean waitAtEnd;
  private final StepBody<StepRecord> body;
  private volatile long bodyRuns;
  private volatile StepRecord last;

  /** A function returning {@code payload} from every step; with {@code waitAtEnd} it then waits. */
  public BenchFunction(StepRecord payload, boolean waitAtEnd) {
    this.payload = payload;
    this.waitAtEnd = waitAtEnd;
    this.body = s -> {
      bodyRuns++; // one workflow thread at a time: no lost updates
      return this.payload;
    };
  }

  @Override
  public Integer apply(Input input, DurableContext ctx) {
    StepRecord r = null;
    int n = input.steps();
    for (int i = 0; i < n; i++) {
      r = ctx.step("step", StepRecord.class, body);
    }
    last = r;
    if (waitAtEnd) {
      ctx.wait("end", Duration.ofSeconds(1));
    }
    return n;
  }

  /** Step bodies run so far, over all invocations. */
  public long bodyRuns() {
    return bodyRuns;
  }

  /** The last step's result in the most recent invocation that got past its steps. */
  public StepRecord last() {
    return last;
  }

  /** Forgets the last result. */
  public void clearLast() {
    last = null;
  }
}
