package dev.durable.testing;

import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableFunction;
import dev.durable.core.DurableFuture;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.OperationStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Async steps and child contexts, and when an invocation may suspend (reference §1.9). */
@Timeout(10)
class ConcurrencyTest {
  private static final TypeToken<String> STRING = TypeToken.of(String.class);

  @Test
  void asyncStepsRunConcurrently() {
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> a = ctx.stepAsync("a", STRING, s -> {
        bothRunning.await(3, TimeUnit.SECONDS);
        return "A";
      }, StepOptions.noRetry());
      DurableFuture<String> b = ctx.stepAsync("b", STRING, s -> {
        bothRunning.await(3, TimeUnit.SECONDS);
        return "B";
      }, StepOptions.noRetry());
      return a.get() + b.get();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("AB");
  }

  /** Ids are fixed when the operation is issued, not when its body finishes. */
  @Test
  void idsFollowTheOrderOfCallsNotOfCompletion() {
    CountDownLatch release = new CountDownLatch(1);
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> first = ctx.stepAsync("first", STRING, s -> {
        if (!release.await(3, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
        return "1";
      }, StepOptions.noRetry());
      DurableFuture<String> second = ctx.stepAsync("second", STRING, s -> "2", StepOptions.noRetry());
      String b = second.get(); // journaled before the first step may finish
      release.countDown();
      return first.get() + b;
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("12");
    assertThat(r.operation("first").id()).isEqualTo(Histories.sha256("1"));
    assertThat(r.operation("second").id()).isEqualTo(Histories.sha256("2"));
    assertThat(Histories.events(r, "StepSucceeded")).extracting(e -> e.name()).containsExactly("second", "first");
  }

  @Test
  void aFailedAsyncStepThrowsFromGet() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> f = ctx.stepAsync("boom", STRING, s -> {
        throw new IllegalStateException("async failure");
      }, StepOptions.noRetry());
      try {
        return f.get();
      } catch (StepFailedException e) {
        return "caught " + e.errorType();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("caught java.lang.IllegalStateException");
  }

  @Test
  void asyncChildContextsRunConcurrentlyAndKeepTheirOrderOfIds() {
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> a = ctx.runInChildContextAsync("a", STRING, c -> c.step("in-a", String.class, s -> {
        bothRunning.await(3, TimeUnit.SECONDS);
        return "A";
      }, StepOptions.noRetry()));
      DurableFuture<String> b = ctx.runInChildContextAsync("b", STRING, c -> c.step("in-b", String.class, s -> {
        bothRunning.await(3, TimeUnit.SECONDS);
        return "B";
      }, StepOptions.noRetry()));
      return a.get() + b.get();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("AB");
    assertThat(r.operation("a").id()).isEqualTo(Histories.sha256("1"));
    assertThat(r.operation("b").id()).isEqualTo(Histories.sha256("2"));
    assertThat(r.operation("in-b").operation().parentId()).isEqualTo(r.operation("b").id());
  }

  /** One branch waits; the other keeps running steps: the invocation suspends only after those steps. */
  @RepeatedTest(3)
  void theRunSuspendsOnlyWhenNoThreadCanProgress() {
    AtomicInteger stepRuns = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> waiting = ctx.runInChildContextAsync("sleeper", STRING, c -> {
        c.wait("nap", Duration.ofSeconds(30));
        return "woke";
      });
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= 3; i++) {
        int n = i;
        sb.append(ctx.step("work-" + i, String.class, s -> {
          Thread.sleep(30);
          stepRuns.incrementAndGet();
          return "w" + n;
        }, StepOptions.noRetry()));
      }
      return sb + "+" + waiting.get();
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    TestResult<String> first = assertRunning(runner.run("x"));
    for (String step : List.of("work-1", "work-2", "work-3")) {
      assertThat(first.operation(step).status()).as(step + " finished before the suspension")
          .isEqualTo(OperationStatus.SUCCEEDED);
    }
    assertThat(first.operation("nap").status()).isEqualTo(OperationStatus.STARTED);
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("w1w2w3+woke");
    assertThat(stepRuns).hasValue(3);
    assertThat(r.invocations()).isEqualTo(2);
  }

  /** Plain blocking in handler code keeps the thread active: it is not mistaken for a suspension. */
  @Test
  void nonDurableBlockingDoesNotSuspend() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<Void> nap = ctx.waitAsync("nap", Duration.ofSeconds(10));
      Thread.sleep(200);
      String s = ctx.step("after-sleep", String.class, st -> "stepped");
      nap.get();
      return s;
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    TestResult<String> first = assertRunning(runner.run("x"));
    assertThat(first.operation("after-sleep").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(assertSucceeded(runner.resume()).result()).isEqualTo("stepped");
  }

  @RepeatedTest(5)
  void manyConcurrentChildrenFinishWithoutASpuriousSuspension() {
    DurableFunction<String, Integer> fn = (in, ctx) -> {
      List<DurableFuture<Integer>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        futures.add(ctx.runInChildContextAsync("c" + i, TypeToken.of(Integer.class),
            c -> c.step("s", Integer.class, s -> n, StepOptions.noRetry())));
      }
      int sum = 0;
      for (DurableFuture<Integer> f : futures) {
        sum += f.get();
      }
      return sum;
    };
    TestResult<Integer> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Integer.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo(28);
    assertThat(r.invocations()).isEqualTo(1);
  }

  /**
   * A thread that completes a future and then ends must not open a window in which the invocation
   * counts no active thread while the awaiting thread is already runnable.
   */
  @Test
  void aFinishingThreadNeverLooksLikeASuspension() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String a = ctx.runInChildContextAsync("child", STRING,
          c -> c.step("s", String.class, st -> "v", StepOptions.noRetry())).get();
      return a + ctx.stepAsync("next", STRING, st -> "w", StepOptions.noRetry()).get();
    };
    for (int i = 0; i < 40; i++) {
      TestResult<String> r = DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x");
      assertThat(r.status()).as("round %d: %s", i, Histories.explain(r)).isEqualTo(
          dev.durable.core.model.ExecutionStatus.SUCCEEDED);
    }
  }

  /** Options with a fast poll, so that in-process waiting (reference §1.9) is quick to observe. */
  private static ExecutorOptions fastPoll() {
    ExecutorOptions d = ExecutorOptions.defaults();
    return new ExecutorOptions(d.serDes(), d.clock(), d.executor(), d.listener(), d.jitter(), Duration.ofMillis(20),
        d.unwindTimeout());
  }

  /** A callback completed while another thread still runs is picked up by polling, in the same invocation. */
  @Test
  void aCallbackCompletedWhileOtherWorkRunsIsSeenWithoutANewInvocation() {
    AtomicReference<DurableTestRunner<String, String>> self = new AtomicReference<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> approval = ctx.runInChildContextAsync("approval", STRING,
          c -> c.createCallback("cb", String.class, CallbackOptions.defaults()).get());
      ctx.step("notify", String.class, s -> {
        Thread.sleep(50); // let the child create its callback
        self.get().completeCallback("cb", "yes");
        return "sent";
      }, StepOptions.noRetry());
      ctx.step("keep-busy", String.class, s -> {
        Thread.sleep(400);
        return "busy";
      }, StepOptions.noRetry());
      return approval.get();
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class)
        .withOptions(fastPoll());
    self.set(runner);
    TestResult<String> r = assertSucceeded(runner.runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("yes");
    assertThat(r.invocations()).isEqualTo(1);
  }

  /** A wait that ends while another thread still runs completes in the same invocation. */
  @Test
  void aWaitEndingWhileOtherWorkRunsIsSeenWithoutANewInvocation() {
    AtomicReference<DurableTestRunner<String, String>> self = new AtomicReference<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableFuture<String> napper = ctx.runInChildContextAsync("napper", STRING, c -> {
        c.wait("nap", Duration.ofSeconds(5));
        return "rested";
      });
      ctx.step("time-passes", String.class, s -> {
        Thread.sleep(50); // let the child start its wait
        self.get().advanceTime(Duration.ofSeconds(5));
        Thread.sleep(400);
        return "ok";
      }, StepOptions.noRetry());
      return napper.get();
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class)
        .withOptions(fastPoll());
    self.set(runner);
    TestResult<String> r = assertSucceeded(runner.runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("rested");
    assertThat(r.invocations()).isEqualTo(1);
  }
}
