package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Executions run in parallel; external calls on one execution interleave safely with its handler. */
class ConcurrencyTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void independentExecutionsCheckpointInParallel() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(pool.submit(() -> {
          var inv = h.startAndBegin();
          for (int i = 0; i < 500; i++) {
            inv.checkpoint(stepStart("s" + i), stepSucceed("s" + i, "1"));
          }
          inv.end(InvocationOutput.succeeded("done"));
          return inv.arn;
        }));
      }
      for (Future<String> run : runs) {
        String arn = run.get(30, TimeUnit.SECONDS);
        assertThat(h.service.operations(arn)).hasSize(501);
        List<HistoryEvent> events = h.service.history(arn);
        assertThat(events).hasSize(1 + 1000 + 2);
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).eventId()).isEqualTo(i + 1);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void callbacksCompletedWhileTheHandlerCheckpointsAreAllDelivered() throws Exception {
    var inv = h.startAndBegin();
    List<OperationUpdate> starts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      starts.add(callbackStart("cb" + i, 0, 0));
    }
    List<String> ids = inv.checkpoint(starts.toArray(OperationUpdate[]::new)).operations()
        .stream().map(o -> o.callbackDetails().callbackId()).toList();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> senders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        senders.add(pool.submit(() -> {
          for (int i = offset; i < ids.size(); i += 4) {
            h.service.completeCallback(ids.get(i), "\"" + i + "\"");
          }
        }));
      }
      int seen = 0;
      for (int i = 0; i < 300; i++) {
        seen += (int) inv.checkpoint(stepStart("s" + i)).operations().stream()
            .filter(o -> o.id().startsWith("cb")).count();
      }
      for (Future<?> f : senders) {
        f.get(30, TimeUnit.SECONDS);
      }
      seen += (int) inv.checkpoint().operations().stream()
          .filter(o -> o.id().startsWith("cb")).count();
      assertThat(seen).isEqualTo(200);
      assertThat(h.service.operations(inv.arn).stream()
          .filter(o -> o.id().startsWith("cb"))
          .allMatch(o -> o.status() == OperationStatus.SUCCEEDED)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
