package dev.durable.local.crash;

import dev.durable.core.BatchOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepContext;
import dev.durable.core.StepOptions;
import dev.durable.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The workflow the crash test kills: every kind of operation whose journal a crash can tear. Each
 * step body sleeps a little (so that kills land inside bodies), writes its side effect to a
 * {@link SideEffectLog} and returns a number derived from the run name only, so that the result of
 * a crashed run can be compared with an uncrashed one.
 *
 * <ol>
 *   <li>{@code fetch}: at-least-once;
 *   <li>{@code charge}: at-most-once per attempt, retried when a crash interrupts an attempt;
 *   <li>{@code flaky}: fails its first attempt on purpose, so a retry is always journaled;
 *   <li>{@code pause}: a durable wait of one second;
 *   <li>{@code sub}: a child context with {@code sub-a} (at-least-once) and {@code sub-b}
 *       (at-most-once);
 *   <li>{@code fan}: a map over three items, one {@code item} step each;
 *   <li>{@code final}: combines everything.
 * </ol>
 */
public final class CrashWorkflow implements DurableFunction<CrashWorkflow.Input, String> {
  /** The registered function name. */
  public static final String NAME = "crash";
  /** Names of the steps that run at most once per attempt. */
  public static final Set<String> AT_MOST_ONCE = Set.of("charge", "sub-b");
  /** Step bodies per run when no attempt is repeated: 9 steps, and {@code flaky} twice. */
  public static final int BODIES_PER_RUN = 10;

  /**
   * The input.
   *
   * @param run the run's name, also its execution name
   */
  public record Input(String run) {}

  // attempts are bounded so that a run that keeps failing ends FAILED instead of looping: the test
  // then reports it, and ten crashes inside one at-most-once step are far beyond what it injects
  private static final StepOptions AT_MOST_ONCE_OPTIONS =
      StepOptions.atMostOncePerRetry().withRetry(RetryPolicy.fixed(10, Duration.ofSeconds(1)));
  private static final StepOptions RETRIED = StepOptions.defaults().withRetry(RetryPolicy.fixed(10, Duration.ofSeconds(1)));

  private final SideEffectLog log;
  private final long bodyMillis;

  /** A workflow writing to {@code log}, with step bodies that take about {@code bodyMillis}. */
  public CrashWorkflow(SideEffectLog log, long bodyMillis) {
    this.log = log;
    this.bodyMillis = bodyMillis;
  }

  @Override
  public String apply(Input in, DurableContext ctx) {
    String run = in.run();
    long seed = run.hashCode();
    long fetch = ctx.step("fetch", Long.class, s -> effect(run, s, () -> mix(seed, 1)), RETRIED);
    long charge = ctx.step("charge", Long.class, s -> effect(run, s, () -> mix(seed, 2)), AT_MOST_ONCE_OPTIONS);
    long flaky = ctx.step("flaky", Long.class, s -> {
      long v = effect(run, s, () -> mix(seed, 3));
      if (s.attempt() == 1) {
        throw new IllegalStateException("the first attempt of flaky fails on purpose");
      }
      return v;
    }, RETRIED);
    ctx.wait("pause", Duration.ofSeconds(1));
    long sub = ctx.runInChildContext("sub", Long.class, c -> {
      long a = c.step("sub-a", Long.class, s -> effect(run, s, () -> mix(seed, 4)), RETRIED);
      long b = c.step("sub-b", Long.class, s -> effect(run, s, () -> mix(seed, 5)), AT_MOST_ONCE_OPTIONS);
      return a ^ b;
    });
    List<Long> fan = ctx.map("fan", List.of(6, 7, 8), Long.class,
        (item, index, c) -> c.step("item", Long.class, s -> effect(run, s, () -> mix(seed, item)), RETRIED),
        BatchOptions.defaults()).throwIfError().results();
    long all = fetch ^ charge ^ flaky ^ sub ^ fan.get(0) ^ fan.get(1) ^ fan.get(2);
    long fin = ctx.step("final", Long.class, s -> effect(run, s, () -> mix(all, 9)), RETRIED);
    return run + ":" + fetch + "," + charge + "," + flaky + "," + sub + "," + fan + "," + fin;
  }

  private long effect(String run, StepContext s, LongSupplier value) throws InterruptedException {
    log.begin(run, s);
    if (bodyMillis > 0) {
      Thread.sleep(bodyMillis);
    }
    long v = value.getAsLong();
    log.end(run, s, v);
    return v;
  }

  /** A cheap deterministic hash (splitmix64 finalizer): results depend on the run name only. */
  static long mix(long seed, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & 0xFFFFFFL;
  }
}
