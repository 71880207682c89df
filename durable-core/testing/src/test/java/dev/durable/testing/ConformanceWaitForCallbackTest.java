package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.op;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackFailedException;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackSubmitter;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.core.service.DurableService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** waitForCallback: a WaitForCallback context holding the callback and the submitter step (suite 7, §1.10). */
@Timeout(10)
class ConformanceWaitForCallbackTest {

  private static DurableFunction<String, String> approval(CallbackSubmitter submitter, CallbackOptions options,
      StepOptions submitterOptions) {
    return (in, ctx) -> {
      try {
        return ctx.waitForCallback("approval", TypeToken.of(String.class), submitter, options, submitterOptions);
      } catch (CallbackTimeoutException e) {
        return "timed-out-handled";
      } catch (CallbackFailedException e) {
        return "recovered from " + e.errorType();
      }
    };
  }

  @Test
  void theSubmitterReceivesTheCallbackIdAndTheResultFlowsBack() {
    List<String> submitted = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.waitForCallback("approval", String.class,
        (id, step) -> submitted.add(id), CallbackOptions.defaults());
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);

    TestResult<String> waiting = assertRunning(runner.run("x"));
    Operation context = op(waiting, "approval");
    Operation callback = op(waiting, "approval-callback");
    Operation submitter = op(waiting, "approval-submitter");
    assertThat(context.type()).isEqualTo(OperationType.CONTEXT);
    assertThat(context.subType()).isEqualTo("WaitForCallback");
    assertThat(context.parentId()).isNull();
    assertThat(callback.type()).isEqualTo(OperationType.CALLBACK);
    assertThat(callback.parentId()).isEqualTo(context.id());
    assertThat(submitter.type()).isEqualTo(OperationType.STEP);
    assertThat(submitter.parentId()).isEqualTo(context.id());
    assertThat(submitter.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(callback.id()).isEqualTo(Histories.sha256(context.id() + "-1"));
    assertThat(submitter.id()).isEqualTo(Histories.sha256(context.id() + "-2"));
    assertThat(submitted).containsExactly(runner.callbackId("approval"));

    runner.completeCallback("approval", "approved");
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("approved");
    assertThat(submitted).as("the submitter is not run again on replay").hasSize(1);
    assertThat(types(r)).containsExactly("ContextStarted", "CallbackStarted", "StepStarted", "StepSucceeded",
        "InvocationCompleted", "CallbackSucceeded", "ContextSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(r.history()).filteredOn(e -> e.eventType().startsWith("Callback") || e.eventType().startsWith("Step"))
        .extracting(HistoryEvent::parentId).containsOnly(context.id());
    assertThat(r.operation("approval").result(String.class)).isEqualTo("approved");
  }

  @Test
  void aFailedCallbackFailsTheContextAndCanBeCaught() {
    DurableFunction<String, String> fn = approval((id, s) -> { }, CallbackOptions.defaults(), StepOptions.defaults());
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    assertRunning(runner.run("x"));
    runner.failCallback("approval", ErrorObject.of("RejectedError", "not approved"));
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("recovered from RejectedError");
    assertThat(r.operation("approval").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(types(r)).endsWith("InvocationCompleted", "CallbackFailed", "ContextFailed", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  @Test
  void aTimedOutCallbackRaisesCallbackTimeoutException() {
    DurableFunction<String, String> fn = approval((id, s) -> { }, CallbackOptions.timeout(Duration.ofSeconds(30)),
        StepOptions.defaults());
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("timed-out-handled");
    assertThat(types(r)).containsExactly("ContextStarted", "CallbackStarted", "StepStarted", "StepSucceeded",
        "InvocationCompleted", "CallbackTimedOut", "ContextFailed", "InvocationCompleted", "ExecutionSucceeded");
    assertThat(Histories.elapsedSeconds(r)).isEqualTo(30);
  }

  @Test
  void anUncaughtTimeoutFailsTheExecution() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.waitForCallback("approval", String.class, (id, s) -> { },
        CallbackOptions.timeout(Duration.ofSeconds(30)));
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(CallbackTimeoutException.class.getName());
  }

  @Test
  void aSubmitterThatFailsRaisesCallbackFailedException() {
    AtomicInteger calls = new AtomicInteger();
    CallbackSubmitter broken = (id, s) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("mail server down");
    };
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return ctx.waitForCallback("approval", TypeToken.of(String.class), broken, CallbackOptions.defaults(),
            StepOptions.noRetry());
      } catch (CallbackFailedException e) {
        return "CallbackFailedException: " + e.getMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(calls).hasValue(1);
    assertThat(r.result()).startsWith("CallbackFailedException: ").contains("approval").contains("mail server down");
    assertThat(r.operation("approval-submitter").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.operation("approval").status()).isEqualTo(OperationStatus.FAILED);
  }

  /** The submitter is retried by its policy; once exhausted the execution fails (7.7). */
  @Test
  void aSubmitterIsRetriedUntilItsPolicyGivesUp() {
    AtomicInteger calls = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.waitForCallback("approval", TypeToken.of(String.class),
        (id, s) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("attempt " + s.attempt());
        }, CallbackOptions.defaults(), StepOptions.defaults().withRetry(RetryPolicy.fixed(2, Duration.ofSeconds(1))));
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(calls).hasValue(2);
    assertThat(r.error().errorType()).isEqualTo(CallbackFailedException.class.getName());
    assertThat(types(r)).containsExactly("ContextStarted", "CallbackStarted", "StepStarted", "StepFailed",
        "InvocationCompleted", "StepStarted", "StepFailed", "ContextFailed", "InvocationCompleted", "ExecutionFailed");
  }

  /** Two sequential waitForCallbacks get distinct ids; the second starts in the invocation ending the first (7.9). */
  @Test
  void sequentialWaitForCallbacksAreIndependent() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String a = ctx.waitForCallback("first", String.class, (id, s) -> { }, CallbackOptions.defaults());
      String b = ctx.waitForCallback("second", String.class, (id, s) -> { }, CallbackOptions.defaults());
      return a + b;
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    assertRunning(runner.run("x"));
    runner.completeCallback("first", "1");
    assertRunning(runner.resume());
    runner.completeCallback("second", "2");
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("12");
    assertThat(op(r, "first").id()).isNotEqualTo(op(r, "second").id());
    assertThat(op(r, "second-callback").parentId()).isEqualTo(op(r, "second").id());
    assertThat(types(r)).containsExactly("ContextStarted", "CallbackStarted", "StepStarted", "StepSucceeded",
        "InvocationCompleted", "CallbackSucceeded", "ContextSucceeded", "ContextStarted", "CallbackStarted",
        "StepStarted", "StepSucceeded", "InvocationCompleted", "CallbackSucceeded", "ContextSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
  }

  /**
   * The context's SUCCEED goes out with the next checkpoint instead of in a write of its own (the
   * callback's result is durable already); an invocation that dies before that checkpoint replays
   * the context to the same answer.
   */
  @Test
  void theContextsSuccessRidesWithTheNextCheckpointAndSurvivesItsLoss() {
    List<List<OperationUpdate>> batches = new CopyOnWriteArrayList<>();
    AtomicBoolean crashOnce = new AtomicBoolean(true);
    AtomicInteger afterRuns = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      String answer = ctx.waitForCallback("approval", String.class, (id, s) -> { }, CallbackOptions.defaults());
      return ctx.step("after", String.class, s -> answer + "/" + afterRuns.incrementAndGet());
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class)
        .withServiceDecorator(service -> new DurableService() {
          @Override
          public CheckpointResult checkpoint(String arn, String token, List<OperationUpdate> updates) {
            batches.add(List.copyOf(updates));
            if (updates.stream().anyMatch(ConformanceWaitForCallbackTest::contextSucceeds)
                && crashOnce.getAndSet(false)) {
              throw new IllegalStateException("simulated process death before the write");
            }
            return service.checkpoint(arn, token, updates);
          }

          @Override
          public StatePage getState(String arn, String token, String marker, int maxItems) {
            return service.getState(arn, token, marker, maxItems);
          }
        });
    assertRunning(runner.run("x"));
    runner.completeCallback("approval", "yes");
    TestResult<String> r = assertSucceeded(runner.resume());

    List<OperationUpdate> lost = batches.stream()
        .filter(b -> b.stream().anyMatch(ConformanceWaitForCallbackTest::contextSucceeds)).findFirst().orElseThrow();
    assertThat(lost).extracting(u -> u.name() + " " + u.action())
        .containsExactly("approval SUCCEED", "after START", "after SUCCEED");
    assertThat(runner.crashes()).isEqualTo(1);
    assertThat(r.result()).as("the replayed context gave the callback's result again").isEqualTo("yes/2");
    assertThat(r.operation("approval").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(r.operation("approval").result(String.class)).isEqualTo("yes");
  }

  private static boolean contextSucceeds(OperationUpdate u) {
    return u.type() == OperationType.CONTEXT && u.action() == OperationAction.SUCCEED;
  }
}
