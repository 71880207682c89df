package dev.durable.testing;

import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.events;
import static dev.durable.testing.Histories.first;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.DurableListener;
import dev.durable.core.DurableOperationException;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.StepInterruptedException;
import dev.durable.core.StepOptions;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.retry.Jitter;
import dev.durable.core.retry.RetryPolicy;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Step retries: policies, delays, and attempts interrupted by a crash (conformance 1.11-1.18, §1.4). */
@Timeout(10)
class ConformanceStepRetryTest {
  private static final RetryPolicy TWO_AT_ONE_SECOND = RetryPolicy.fixed(2, Duration.ofSeconds(1));
  private static final int[] DEFAULT_CAPS = {5, 10, 20, 40, 60};

  @Test
  void aFailedAttemptIsRetriedInALaterInvocation() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("flaky", String.class, s -> {
      if (s.attempt() == 1) {
        throw new IllegalStateException("first attempt fails");
      }
      return "ok on attempt " + s.attempt();
    }, StepOptions.defaults().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1))));
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);

    TestResult<String> first = assertRunning(runner.run("x"));
    assertThat(first.operation("flaky").status()).isEqualTo(OperationStatus.PENDING);
    assertThat(first.operation("flaky").attempts()).isEqualTo(1);

    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("ok on attempt 2");
    assertThat(types(r)).containsExactly("StepStarted", "StepFailed", "InvocationCompleted",
        "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    HistoryEvent failed = first(r, "StepFailed");
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(failed.nextAttemptDelaySeconds()).isEqualTo(1);
    assertThat(failed.error().errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(failed.error().errorMessage()).isEqualTo("first attempt fails");
    HistoryEvent succeeded = first(r, "StepSucceeded");
    assertThat(succeeded.attempt()).isEqualTo(2);
    assertThat(succeeded.payload()).isEqualTo("\"ok on attempt 2\"");
    assertThat(r.operation("flaky").attempts()).isEqualTo(2);
    assertThat(Histories.secondsBetween(failed, events(r, "StepStarted").get(1))).isEqualTo(1);
  }

  static Stream<Arguments> predicates() {
    RetryPolicy base = RetryPolicy.fixed(3, Duration.ofSeconds(1));
    RetryPolicy transientOnly = base.retryIf(t -> String.valueOf(t.getMessage()).contains("transient"));
    return Stream.of(
        Arguments.of("retryOn(IOException) retries IOException", base.retryOn(IOException.class),
            new IOException("io"), 2),
        Arguments.of("retryOn(IOException) retries a subtype", base.retryOn(IOException.class),
            new FileNotFoundException("gone"), 2),
        Arguments.of("retryOn(IOException) does not retry others", base.retryOn(IOException.class),
            new IllegalArgumentException("bad"), 1),
        Arguments.of("ignore(IAE) does not retry IAE", base.ignore(IllegalArgumentException.class),
            new IllegalArgumentException("bad"), 1),
        Arguments.of("ignore(IAE) retries others", base.ignore(IllegalArgumentException.class),
            new IllegalStateException("state"), 2),
        Arguments.of("retryIf(message) matches", transientOnly,
            new RuntimeException("transient glitch"), 2),
        Arguments.of("retryIf(message) does not match", transientOnly,
            new RuntimeException("fatal"), 1),
        Arguments.of("noRetry", RetryPolicy.noRetry(), new IllegalStateException("once"), 1));
  }

  /** The body fails once with {@code error}; a retried step then succeeds on attempt 2. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("predicates")
  void retryPredicatesDecideWhichErrorsAreRetried(String label, RetryPolicy policy, Exception error,
      int expectedAttempts) {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return ctx.step("guarded", String.class, s -> {
          if (s.attempt() == 1) {
            throw error;
          }
          return "recovered";
        }, StepOptions.defaults().withRetry(policy));
      } catch (DurableOperationException e) {
        return "failed: " + e.errorType();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.operation("guarded").attempts()).as(label).isEqualTo(expectedAttempts);
    assertThat(r.result()).as(label)
        .isEqualTo(expectedAttempts == 2 ? "recovered" : "failed: " + error.getClass().getName());
  }

  static Stream<Arguments> jitterValues() {
    return Stream.of(
        Arguments.of(0.0, List.of(1, 1, 1, 1, 1)),
        Arguments.of(0.5, List.of(3, 5, 10, 20, 30)),
        Arguments.of(0.9999, List.of(5, 10, 20, 40, 60)));
  }

  /** Defaults: 6 attempts, 5 s initial delay doubling to a 60 s cap, full jitter, whole seconds >= 1 (1.13). */
  @ParameterizedTest(name = "jitter {0}")
  @MethodSource("jitterValues")
  void defaultRetryDelaysFollowTheExponentialFullJitterSchedule(double jitter, List<Integer> expected) {
    DurableTestRunner<String, String> runner = DurableTestRunner.create(alwaysFailing(StepOptions.defaults()),
        String.class, String.class).withOptions(ExecutorOptions.defaults().withJitter(() -> jitter));
    TestResult<String> r = Histories.assertFailed(runner.runUntilComplete("x"));
    List<HistoryEvent> failures = events(r, "StepFailed");
    assertThat(failures).extracting(HistoryEvent::attempt).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(failures.subList(0, 5)).extracting(HistoryEvent::nextAttemptDelaySeconds)
        .containsExactlyElementsOf(expected);
    assertThat(failures.get(5).nextAttemptDelaySeconds()).isNull();
    assertThat(r.invocations()).isEqualTo(6);
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(expected.stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void defaultRetryDelaysStayWithinTheirBoundsWithRealJitter() {
    TestResult<String> r = Histories.assertFailed(DurableTestRunner.create(alwaysFailing(StepOptions.defaults()),
        String.class, String.class).runUntilComplete("x"));
    List<HistoryEvent> failures = events(r, "StepFailed");
    assertThat(failures).hasSize(6);
    for (int i = 0; i < 5; i++) {
      assertThat(failures.get(i).nextAttemptDelaySeconds()).as("delay after attempt %d", i + 1)
          .isBetween(1, DEFAULT_CAPS[i]);
    }
  }

  /** maxAttempts 5, initial 2 s, rate 3, no jitter: delays 2 s then 6 s (1.14). */
  @Test
  void customExponentialBackoffWithoutJitterIsExact() {
    RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofSeconds(2), Duration.ofSeconds(60), 3.0, Jitter.NONE);
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("twice", String.class, s -> {
      if (s.attempt() <= 2) {
        throw new IllegalStateException("attempt " + s.attempt());
      }
      return "third time lucky";
    }, StepOptions.defaults().withRetry(policy));
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(events(r, "StepFailed")).extracting(HistoryEvent::nextAttemptDelaySeconds).containsExactly(2, 6);
    assertThat(first(r, "StepSucceeded").attempt()).isEqualTo(3);
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(8);
  }

  /** At-most-once: an attempt cut off by a crash is not run again; the retry policy decides (1.18). */
  @Test
  void anInterruptedAtMostOnceAttemptIsRetriedAsANewAttempt() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("charge", String.class, s -> {
      attempts.add(s.attempt());
      return "charged on attempt " + s.attempt();
    }, StepOptions.atMostOncePerRetry().withRetry(TWO_AT_ONE_SECOND));
    DurableTestRunner<String, String> runner = crashingOnce(fn);
    TestResult<String> r = assertSucceeded(runner.runUntilComplete("x"));

    assertThat(attempts).containsExactly(1, 2);
    assertThat(r.result()).isEqualTo("charged on attempt 2");
    assertThat(runner.crashes()).isEqualTo(1);
    assertThat(types(r)).containsExactly("StepStarted", "InvocationCompleted", "StepFailed", "InvocationCompleted",
        "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(first(r, "InvocationCompleted").error()).as("the crashed invocation carries its error").isNotNull();
    HistoryEvent interrupted = first(r, "StepFailed");
    assertThat(interrupted.attempt()).isEqualTo(1);
    assertThat(interrupted.nextAttemptDelaySeconds()).isEqualTo(1);
    assertThat(interrupted.error().errorType()).isEqualTo(StepInterruptedException.class.getName());
    assertThat(first(r, "StepSucceeded").attempt()).isEqualTo(2);
  }

  /** At-most-once without retries: the interrupted attempt fails the step for good (1.17). */
  @Test
  void anInterruptedAtMostOnceAttemptWithoutRetriesFailsTheStep() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return ctx.step("charge", String.class, s -> {
          attempts.add(s.attempt());
          return "charged";
        }, StepOptions.atMostOncePerRetry().withRetry(RetryPolicy.noRetry()));
      } catch (DurableOperationException e) {
        return e.getClass().getSimpleName() + " / " + e.errorType();
      }
    };
    TestResult<String> r = assertSucceeded(crashingOnce(fn).runUntilComplete("x"));
    assertThat(attempts).containsExactly(1);
    assertThat(r.result()).isEqualTo("StepInterruptedException / " + StepInterruptedException.class.getName());
    assertThat(r.operation("charge").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.operation("charge").attempts()).isEqualTo(1);
    assertThat(first(r, "StepFailed").nextAttemptDelaySeconds()).isNull();
  }

  /** At-least-once: a crash mid-attempt re-runs the same attempt, records no failure, uses no retry. */
  @Test
  void anInterruptedAtLeastOnceAttemptRunsAgainWithoutConsumingARetry() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("send", String.class, s -> {
      attempts.add(s.attempt());
      return "sent";
    }, StepOptions.noRetry());
    DurableTestRunner<String, String> runner = crashingOnce(fn);
    TestResult<String> r = assertSucceeded(runner.runUntilComplete("x"));
    assertThat(attempts).containsExactly(1, 1);
    assertThat(events(r, "StepFailed")).isEmpty();
    assertThat(r.operation("send").attempts()).isEqualTo(1);
    assertThat(runner.crashes()).isEqualTo(1);
    assertThat(types(r).subList(types(r).size() - 4, types(r).size()))
        .containsExactly("StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  private static DurableFunction<String, String> alwaysFailing(StepOptions options) {
    return (in, ctx) -> ctx.step("doomed", String.class, s -> {
      throw new IllegalStateException("attempt " + s.attempt() + " failed");
    }, options);
  }

  /** A runner whose process "dies" once, right after the first step body ran, before its result is stored. */
  private static DurableTestRunner<String, String> crashingOnce(DurableFunction<String, String> fn) {
    AtomicBoolean crashed = new AtomicBoolean();
    DurableListener listener = new DurableListener() {
      @Override
      public void onStepAttemptEnd(StepAttempt attempt, Throwable error) {
        if (crashed.compareAndSet(false, true)) {
          throw new Error("simulated process death after the body of '" + attempt.name() + "'");
        }
      }
    };
    return DurableTestRunner.create(fn, String.class, String.class)
        .withOptions(ExecutorOptions.defaults().withListener(listener));
  }
}
