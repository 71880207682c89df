package dev.durable.testing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationStatus;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestKitTest {
  private static final DurableFunction<String, String> APPROVAL = (in, ctx) -> {
    try {
      return ctx.waitForCallback("ok", String.class, (id, s) -> { },
          CallbackOptions.timeout(Duration.ofHours(2)));
    } catch (CallbackTimeoutException e) {
      return "timed out";
    }
  };

  @Test
  void timeoutCallbackMovesTheClockToTheCallbacksDeadline() {
    var runner = DurableTestRunner.create(APPROVAL, String.class, String.class);
    assertThat(runner.run("x").status()).isEqualTo(ExecutionStatus.RUNNING);
    var before = runner.clock().instant();
    TestResult<String> done = runner.timeoutCallback("ok").resume();
    assertThat(done.result()).isEqualTo("timed out");
    assertThat(Duration.between(before, runner.clock().instant())).isEqualTo(Duration.ofHours(2));
    assertThat(done.operation("ok-callback").status()).isEqualTo(OperationStatus.TIMED_OUT);
  }

  @Test
  void timeoutCallbackRefusesACallbackWithoutTimeout() {
    DurableFunction<String, String> fn = (in, ctx) ->
        ctx.waitForCallback("ok", String.class, (id, s) -> { }, CallbackOptions.defaults());
    var runner = DurableTestRunner.create(fn, String.class, String.class);
    runner.runUntilComplete("x");
    assertThatThrownBy(() -> runner.timeoutCallback("ok")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no timeout");
  }

  @Test
  void journalJsonHoldsOperationsAndHistory() {
    var runner = DurableTestRunner.create(APPROVAL, String.class, String.class);
    runner.run("x");
    runner.completeCallback("ok", "yes");
    assertThat(runner.resume().result()).isEqualTo("yes");
    assertThat(runner.journalJson()).contains("\"Operations\"", "\"History\"", "\"CallbackSucceeded\"",
        "\"WaitForCallback\"");
  }

  @Test
  void aRunnerRunsOneExecution() {
    var runner = DurableTestRunner.create(APPROVAL, String.class, String.class);
    runner.run("x");
    assertThatThrownBy(() -> runner.run("y")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("create a new runner");
    assertThatThrownBy(() -> DurableTestRunner.create(APPROVAL, String.class, String.class).resume())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("call run(input)");
  }
}
