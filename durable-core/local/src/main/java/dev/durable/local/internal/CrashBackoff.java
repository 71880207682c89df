package dev.durable.local.internal;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backoff after invocations that crashed (threw out of the engine): the run is invoked again after
 * 1 s, 2 s, 4 s … (capped at 60 s), and failed after {@link #MAX_CRASHES} crashes in a row, so a
 * run that always crashes does not spin forever. The schedule is resilience4j's, like the engine's
 * step retries.
 *
 * <p>Entries exist only for runs between a crash and their next successful invocation end, and
 * live only in this process: a restarted worker starts counting again.
 */
public final class CrashBackoff {
  /** Crashes in a row after which the run is failed. */
  public static final int MAX_CRASHES = 5;

  private static final IntervalFunction INTERVALS =
      IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));

  private record State(int crashes, Instant notBefore) {}

  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  /** Records a crash at {@code now}; returns the number of crashes in a row, this one included. */
  public int crashed(String executionId, Instant now) {
    State s = states.compute(executionId, (id, old) -> {
      int n = old == null ? 1 : old.crashes + 1;
      return new State(n, now.plusMillis(INTERVALS.apply(n)));
    });
    return s.crashes;
  }

  /** True while the run must not be invoked yet. */
  public boolean blocked(String executionId, Instant now) {
    State s = states.get(executionId);
    return s != null && now.isBefore(s.notBefore);
  }

  /** The run ended an invocation normally (or was given up): forget it. */
  public void clear(String executionId) {
    states.remove(executionId);
  }

  /** Runs with a crash on record. */
  public int size() {
    return states.size();
  }
}
