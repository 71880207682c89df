package dev.durable.core;

import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.serde.SerDes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.DoubleSupplier;

/**
 * Engine settings for running invocations. Defaults suit production; tests swap the clock and the
 * random source.
 *
 * @param serDes default serializer for inputs, results and operation values
 * @param clock the clock behind {@link DurableContext#now()}
 * @param executor runs workflow threads (the handler, async steps, child contexts, batch items); null
 *     = a shared pool of daemon threads
 * @param listener engine hooks
 * @param jitter random numbers in [0, 1) for retry jitter
 * @param pollInterval how often a thread that waits for the service re-checks while other threads run
 * @param unwindTimeout how long to wait for workflow threads to unwind after a suspension before
 *     returning anyway
 */
public record ExecutorOptions(
    SerDes serDes,
    Clock clock,
    ExecutorService executor,
    DurableListener listener,
    DoubleSupplier jitter,
    Duration pollInterval,
    Duration unwindTimeout) {

  public ExecutorOptions {
    Objects.requireNonNull(serDes, "serDes");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(unwindTimeout, "unwindTimeout");
  }

  /** Jackson, the system clock, the shared pool, no listener. */
  public static ExecutorOptions defaults() {
    return new ExecutorOptions(JacksonSerDes.create(), Clock.systemUTC(), null, DurableListener.NONE,
        () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  /** A copy with another clock. */
  public ExecutorOptions withClock(Clock newClock) {
    return new ExecutorOptions(serDes, newClock, executor, listener, jitter, pollInterval, unwindTimeout);
  }

  /** A copy with another serializer. */
  public ExecutorOptions withSerDes(SerDes newSerDes) {
    return new ExecutorOptions(newSerDes, clock, executor, listener, jitter, pollInterval, unwindTimeout);
  }

  /** A copy with another listener. */
  public ExecutorOptions withListener(DurableListener newListener) {
    return new ExecutorOptions(serDes, clock, executor, newListener, jitter, pollInterval, unwindTimeout);
  }

  /** A copy with another jitter source. */
  public ExecutorOptions withJitter(DoubleSupplier newJitter) {
    return new ExecutorOptions(serDes, clock, executor, listener, newJitter, pollInterval, unwindTimeout);
  }

  /** A copy with another executor for workflow threads. */
  public ExecutorOptions withExecutor(ExecutorService newExecutor) {
    return new ExecutorOptions(serDes, clock, newExecutor, listener, jitter, pollInterval, unwindTimeout);
  }
}
