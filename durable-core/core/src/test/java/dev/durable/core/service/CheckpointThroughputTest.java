package dev.durable.core.service;

import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.InvocationOutput;
import org.junit.jupiter.api.Test;

/**
 * The hot path of the benchmark: many steps in one invocation, each a START+SUCCEED batch. The
 * bound is loose (CI machines vary); the point is that the cost does not grow with the journal.
 */
class CheckpointThroughputTest {

  @Test
  void tenThousandStepsInOneInvocationStayCheap() {
    ServiceHarness h = new ServiceHarness();
    var inv = h.startAndBegin();
    run(inv, 0, 2_000); // warm-up
    long start = System.nanoTime();
    run(inv, 2_000, 12_000);
    long micros = (System.nanoTime() - start) / 1000;
    inv.end(InvocationOutput.succeeded("\"ok\""));

    System.out.printf("service checkpoint: %.2f µs per START+SUCCEED batch%n", micros / 10_000.0);
    assertThat(micros / 10_000).as("µs per checkpoint").isLessThan(100);
    assertThat(h.service.operations(inv.arn)).hasSize(12_001);
    assertThat(h.service.history(inv.arn)).hasSize(1 + 24_000 + 2);
  }

  private static void run(ServiceHarness.Invocation inv, int from, int to) {
    for (int i = from; i < to; i++) {
      String id = "s" + i;
      var r = inv.checkpoint(stepStart(id), stepSucceed(id, "\"v\""));
      if (r.operations().size() != 1) {
        throw new AssertionError("expected only the step in the response");
      }
    }
  }
}
