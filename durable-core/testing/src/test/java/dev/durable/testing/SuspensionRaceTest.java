package dev.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableCallback;
import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A result that reaches the engine after it decided to suspend (in the response of its last
 * checkpoint) was marked as seen by the service, yet no code consumed it: the run must not lose it.
 */
class SuspensionRaceTest {

  @Test
  void aCallbackCompletedDuringTheLastCheckpointOfASuspendingInvocationIsNotLost() {
    AtomicReference<DurableTestRunner<String, String>> runner = new AtomicReference<>();
    AtomicBoolean completed = new AtomicBoolean();
    DurableFunction<String, String> fn = (in, ctx) -> {
      DurableCallback<String> approval = ctx.createCallback("approval", String.class, CallbackOptions.defaults());
      ctx.waitAsync("nap", Duration.ofDays(1));
      // a child context's START is queued, so the suspension's last flush is what sends it
      String verdict = ctx.runInChildContext("answer", String.class, child -> approval.get());
      return ctx.step("after", String.class, s -> "got " + verdict);
    };
    runner.set(DurableTestRunner.create(fn, String.class, String.class).withServiceDecorator(service ->
        new DurableService() {
          @Override
          public CheckpointResult checkpoint(String arn, String token, List<OperationUpdate> updates) {
            boolean answerStarts = updates.stream().anyMatch(u -> u.type() == OperationType.CONTEXT
                && u.action() == OperationAction.START);
            if (answerStarts && completed.compareAndSet(false, true)) {
              runner.get().completeCallback("approval", "yes"); // the approver clicks right now
            }
            return service.checkpoint(arn, token, updates);
          }

          @Override
          public StatePage getState(String arn, String token, String marker, int maxItems) {
            return service.getState(arn, token, marker, maxItems);
          }
        }));

    TestResult<String> result = runner.get().run("doc");

    assertThat(completed).isTrue();
    assertThat(result.status()).as("the day-long nap must not hold back a completed approval")
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.result()).isEqualTo("got yes");
  }
}
