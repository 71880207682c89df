package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.lambda.Workflows.Order;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** The seed order workflow deployed as a durable Lambda, driven through the real AWS SDK client. */
class OrderEndToEndTest {
  private LambdaEmulator emulator;
  private LambdaClient lambda;

  @BeforeEach
  void start() {
    emulator = LambdaEmulator.start(0);
    emulator.register("orders", Workflows.order(), Order.class);
    lambda = emulator.newClient();
  }

  @AfterEach
  void stop() {
    lambda.close();
    emulator.close();
  }

  @Test
  void orderRunsToCompletionAcrossTheCoolOffWait() {
    String arn = E2e.start(lambda, "orders", "order-1",
        "{\"id\":\"o-1\",\"customer\":\"c-9\",\"amountCents\":4200}");
    assertThat(arn).contains(":function:orders:$LATEST/durable-execution/order-1/");

    emulator.awaitSuspended(arn, Duration.ofSeconds(20)); // on its cool-off
    GetDurableExecutionResponse running = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);

    emulator.advanceTime(Duration.ofSeconds(301));
    emulator.awaitEnd(arn, Duration.ofSeconds(20));

    GetDurableExecutionResponse done = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).isEqualTo(
        "{\"orderId\":\"o-1\",\"paymentId\":\"pay-o-1-1\",\"status\":\"COMPLETED\"}");
    assertThat(done.durableExecutionName()).isEqualTo("order-1");

    List<Event> events = E2e.history(lambda, arn);
    assertThat(E2e.types(events)).containsExactly("ExecutionStarted",
        "StepStarted", "StepSucceeded", "StepStarted", "StepSucceeded", "WaitStarted",
        "InvocationCompleted", "WaitSucceeded", "StepStarted", "StepSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
    assertThat(events.get(0).eventId()).isEqualTo(1);
    assertThat(events.get(0).executionStartedDetails().input().payload()).contains("\"o-1\"");
    Event wait = events.get(5);
    assertThat(wait.name()).isEqualTo("cool-off");
    assertThat(wait.subType()).isEqualTo("Wait");
    assertThat(wait.waitStartedDetails().duration()).isEqualTo(300);
    assertThat(events.get(4).stepSucceededDetails().result().payload()).isEqualTo("\"pay-o-1-1\"");
    assertThat(events.get(11).executionSucceededDetails().result().payload()).contains("COMPLETED");
  }
}
