package dev.durable.local;

import static dev.durable.local.Fixtures.awaitCallback;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A callback completed through the runtime hands its run straight to an invoker thread, while the
 * scheduler (polling every millisecond here) may find the same run awaiting an invocation: the
 * two must never both claim it.
 */
class DirectHandoffTest {
  private static final int RUNS = 24;
  private final Fixtures fx = new Fixtures();
  private final LocalRuntime rt = fx.runtime("w1", Clock.systemUTC())
      .pollInterval(Duration.ofMillis(1)).workerThreads(4).build();

  @AfterEach
  void close() {
    rt.close();
  }

  @Test
  void callbacksCompletedAtOnceResumeEachRunExactlyOnce() throws Exception {
    Map<String, Integer> active = new ConcurrentHashMap<>();
    Map<String, Integer> after = new ConcurrentHashMap<>();
    AtomicInteger maxOverlap = new AtomicInteger();
    rt.register("approve", (Integer n, DurableContext ctx) -> {
      String run = ctx.executionArn();
      maxOverlap.accumulateAndGet(active.merge(run, 1, Integer::sum), Math::max);
      try {
        String who = ctx.waitForCallback("ok", String.class, (id, s) -> { },
            CallbackOptions.defaults());
        return ctx.step("record", String.class, s -> {
          after.merge(run, 1, Integer::sum);
          return who + n;
        });
      } finally {
        active.merge(run, -1, Integer::sum);
      }
    }, Integer.class, String.class);
    rt.startWorker();
    List<String> arns = new ArrayList<>();
    List<String> callbacks = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      arns.add(rt.start("approve", "r-" + i, i).executionArn());
    }
    for (String arn : arns) {
      callbacks.add(awaitCallback(rt, arn));
    }

    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (String id : callbacks) {
        done.add(callers.submit(() -> {
          go.await();
          rt.completeCallback(id, "\"ok-\"");
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      callers.shutdownNow();
    }

    for (int i = 0; i < RUNS; i++) {
      assertThat(rt.await(arns.get(i), String.class, Duration.ofSeconds(20))).isEqualTo("ok-" + i);
    }
    assertThat(maxOverlap).hasValue(1);
    assertThat(after.values()).hasSize(RUNS).containsOnly(1);
  }
}
