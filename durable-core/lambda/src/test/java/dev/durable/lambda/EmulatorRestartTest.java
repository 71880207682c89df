package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An emulator on a kept store carries on the runs of the one before it. */
class EmulatorRestartTest {

  @Test
  void anInvocationCutOffByAStopIsRecordedAsCrashedAndRunAgain() {
    DurableFunction<String, String> echo = (in, ctx) -> ctx.step("echo", String.class, s -> in);
    try (InMemoryExecutionStore store = new InMemoryExecutionStore()) {
      String arn;
      try (LambdaEmulator before = LambdaEmulator.builder().store(store).start()) {
        // no handler registered: the invocation begins (as if a handler ran) and never ends
        arn = before.startExecution("echo", "cut-off", "\"again\"");
        before.service().beginInvocation(arn);
        assertThat(before.service().describe(arn).invocationActive()).isTrue();
      }
      try (LambdaEmulator after = LambdaEmulator.builder().store(store).start()) {
        after.register("echo", echo, String.class);
        var done = after.awaitEnd(arn, Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo("\"again\"");
        assertThat(after.history(arn)).anySatisfy(e -> {
          assertThat(e.eventType()).isEqualTo("InvocationCompleted");
          assertThat(e.error()).isNotNull();
          assertThat(e.error().errorType()).isEqualTo("Emulator.Restarted");
        });
      }
    }
  }
}
