package dev.durable.local;

import static dev.durable.local.Fixtures.awaitCallback;
import static dev.durable.local.Fixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several workers on one store: mutual exclusion per invocation, and takeover of dead workers. */
class SharedStoreTest {
  private final Fixtures fx = new Fixtures();
  private final List<LocalRuntime> runtimes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    runtimes.forEach(LocalRuntime::close);
  }

  private LocalRuntime open(LocalRuntimeBuilder b) {
    LocalRuntime rt = b.build();
    runtimes.add(rt);
    return rt;
  }

  @Test
  void twoWorkersNeverRunTheSameInvocationAtOnce() {
    Map<String, Integer> active = new ConcurrentHashMap<>();
    Map<String, Integer> charges = new ConcurrentHashMap<>();
    AtomicInteger maxOverlap = new AtomicInteger();
    LocalRuntime a = open(fx.runtime("worker-a", Clock.systemUTC()));
    LocalRuntime b = open(fx.runtime("worker-b", Clock.systemUTC()));
    for (LocalRuntime rt : List.of(a, b)) {
      rt.register("order", (Integer n, DurableContext ctx) -> {
        String run = ctx.executionArn();
        maxOverlap.accumulateAndGet(active.merge(run, 1, Integer::sum), Math::max);
        try {
          ctx.step("charge", Integer.class, s -> {
            charges.merge(run, 1, Integer::sum);
            Thread.sleep(15); // widen the window in which a second worker could pick the run up
            return n;
          });
          String ok = ctx.waitForCallback("approve", String.class, (id, s) -> { },
              CallbackOptions.defaults());
          return ok + n;
        } finally {
          active.merge(run, -1, Integer::sum);
        }
      }, Integer.class, String.class);
      rt.startWorker();
    }
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      arns.add((i % 2 == 0 ? a : b).start("order", "o-" + i, i).executionArn());
    }
    for (int i = 0; i < arns.size(); i++) {
      LocalRuntime via = i % 2 == 0 ? b : a; // complete through the other process
      via.completeCallback(awaitCallback(via, arns.get(i)), "\"ok-\"");
    }
    for (int i = 0; i < arns.size(); i++) {
      assertThat(a.await(arns.get(i), String.class, Duration.ofSeconds(10))).isEqualTo("ok-" + i);
    }

    assertThat(maxOverlap).hasValue(1);
    assertThat(charges.values()).hasSize(16).containsOnly(1);
    assertThat(a.stats().invocationsCompleted() + b.stats().invocationsCompleted())
        .isGreaterThanOrEqualTo(32);
  }

  @Test
  void aRunWhoseWorkerDiedMidInvocationIsTakenOverWhenTheLeaseExpires() {
    ManualClock clock = new ManualClock();
    LocalRuntime rt = open(fx.runtime("survivor", clock).leaseTtl(Duration.ofSeconds(15)));
    rt.register("job", (String s, DurableContext ctx) -> ctx.step("work", String.class, st -> s + " done"),
        String.class, String.class);
    String arn = rt.start("job", "j-1", "job").executionArn();
    String id = rt.status(arn).executionId();
    // a worker in another process claims the run, begins its invocation, and dies (kill -9)
    assertThat(fx.leases.tryAcquire(id, "dead-worker", clock.instant(), Duration.ofSeconds(15))).isTrue();
    new DurableExecutionService(fx.store, clock).beginInvocation(arn);

    rt.startWorker();
    sleep(300); // many scheduler ticks: the live lease must be respected
    assertThat(rt.status(arn).invocationActive()).isTrue();
    assertThat(fx.leases.holder(id)).isEqualTo("dead-worker");

    clock.advance(Duration.ofSeconds(16));
    assertThat(rt.await(arn, String.class, Duration.ofSeconds(5))).isEqualTo("job done");
    assertThat(rt.history(arn)).filteredOn(e -> e.eventType().equals("InvocationCompleted"))
        .extracting(HistoryEvent::error).extracting(e -> e == null ? null : e.errorType())
        .containsExactly("Runtime.WorkerLost", null);
  }

  @Test
  void closingAWorkerMidInvocationHandsTheRunBackAndAnotherWorkerFinishesIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    LocalRuntime a = open(fx.runtime("worker-a", Clock.systemUTC()).shutdownTimeout(Duration.ofMillis(200)));
    LocalRuntime b = open(fx.runtime("worker-b", Clock.systemUTC()));
    for (LocalRuntime rt : List.of(a, b)) {
      rt.register("slow", (String s, DurableContext ctx) -> ctx.step("work", String.class, st -> {
        if (attempts.incrementAndGet() == 1) {
          entered.countDown();
          never.await(); // the first attempt hangs until its worker shuts down
        }
        return s + " finished";
      }), String.class, String.class);
    }
    a.startWorker();
    String arn = a.start("slow", null, "job").executionArn();
    assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    a.close(); // gives up after 200 ms: reports the invocation as crashed and releases the lease
    b.startWorker();
    assertThat(b.await(arn, String.class, Duration.ofSeconds(5))).isEqualTo("job finished");
    assertThat(b.history(arn)).extracting(HistoryEvent::error).filteredOn(java.util.Objects::nonNull)
        .extracting(e -> e.errorType()).contains("Runtime.Shutdown");
    assertThat(fx.leases.size()).isZero();
  }

  @Test
  void aCallbackCompletedByAnotherProcessIsNoticedWithinThePollInterval() {
    LocalRuntime worker = open(fx.runtime("worker", Clock.systemUTC()).pollInterval(Duration.ofMillis(100)));
    LocalRuntime cli = open(fx.runtime("cli", Clock.systemUTC())); // never starts a worker
    worker.register("approve", (String s, DurableContext ctx) -> ctx.waitForCallback("ok", String.class,
        (id, st) -> { }, CallbackOptions.defaults()), String.class, String.class);
    worker.startWorker();
    String arn = worker.start("approve", null, "req").executionArn();
    String callbackId = awaitCallback(worker, arn);

    long t0 = System.nanoTime();
    cli.completeCallback(callbackId, "\"yes\"");
    eventually(Duration.ofSeconds(5), () -> worker.status(arn).status().isTerminal());
    Duration noticed = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(worker.await(arn, String.class, Duration.ofSeconds(1))).isEqualTo("yes");
    assertThat(noticed).isLessThan(Duration.ofMillis(250 + 500)); // 250 ms bound plus slack for CI
  }

  @Test
  void aChainedInvokeIsRunByTheWorkerThatRegistersItsTarget() {
    LocalRuntime parents = open(fx.runtime("parents-only", Clock.systemUTC()));
    LocalRuntime children = open(fx.runtime("children-only", Clock.systemUTC()));
    parents.register("parent", (String s, DurableContext ctx) -> ctx.invoke("call", "child", s, String.class) + "!",
        String.class, String.class);
    children.register("child", (String s, DurableContext ctx) -> s.toUpperCase(java.util.Locale.ROOT),
        String.class, String.class);
    parents.startWorker();
    children.startWorker();

    String arn = parents.start("parent", null, "hi").executionArn();
    assertThat(parents.await(arn, String.class, Duration.ofSeconds(5))).isEqualTo("HI!");
    assertThat(children.stats().invocationsCompleted()).isEqualTo(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
