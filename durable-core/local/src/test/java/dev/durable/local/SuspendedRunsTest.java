package dev.durable.local;

import static dev.durable.local.Fixtures.awaitCallback;
import static dev.durable.local.Fixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A suspended run holds no thread and no per-run state in the runtime. */
class SuspendedRunsTest {
  private static final int RUNS = 40;

  @Test
  void suspendedRunsHoldNoThreadAndNoStateInTheRuntime() {
    Fixtures fx = new Fixtures();
    try (LocalRuntime rt = fx.runtime("w", Clock.systemUTC()).workerThreads(2).build()) {
      rt.register("approve", (String s, DurableContext ctx) -> s + ctx.waitForCallback("ok", String.class,
          (id, st) -> { }, CallbackOptions.defaults()), String.class, String.class);
      rt.startWorker();
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        arns.add(rt.start("approve", null, "r" + i).executionArn());
      }
      List<String> callbacks = arns.stream().map(arn -> awaitCallback(rt, arn)).toList();
      eventually(Duration.ofSeconds(5), () -> rt.stats().invocationsRunning() == 0);

      assertThat(rt.stats().runsTracked()).isZero();
      assertThat(workflowFrames()).as("threads parked inside workflow code").isZero();
      assertThat(runtimeThreads()).as("runtime threads").isLessThan(RUNS / 4);

      for (int i = 0; i < RUNS; i++) {
        rt.completeCallback(callbacks.get(i), "\"!\"");
      }
      for (int i = 0; i < RUNS; i++) {
        assertThat(rt.await(arns.get(i), String.class, Duration.ofSeconds(10))).isEqualTo("r" + i + "!");
      }
      assertThat(rt.stats().runsTracked()).isZero();
    }
  }

  private static long runtimeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("durable-")).count();
  }

  private static long workflowFrames() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey() != Thread.currentThread())
        .filter(e -> Arrays.stream(e.getValue())
            .anyMatch(f -> f.getClassName().startsWith(SuspendedRunsTest.class.getName())))
        .count();
  }
}
