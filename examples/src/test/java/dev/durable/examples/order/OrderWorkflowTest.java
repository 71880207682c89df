package dev.durable.examples.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationStatus;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderWorkflowTest {
  private final AtomicInteger charges = new AtomicInteger();
  private final Map<String, Integer> chargesByKey = new ConcurrentHashMap<>();
  private final PaymentGateway gateway = (order, key) -> {
    charges.incrementAndGet();
    chargesByKey.merge(key, 1, Integer::sum);
    return "pay-" + order.id();
  };

  @Test
  void completesThroughTheWaitBySkippingTime() {
    var runner = DurableTestRunner.create(new OrderWorkflow(gateway), Order.class, Receipt.class);
    TestResult<Receipt> result = runner.runUntilComplete(new Order("o-1", "c-9", 4200));

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.result()).isEqualTo(new Receipt("o-1", "pay-o-1", "COMPLETED"));
    assertThat(result.invocations()).isEqualTo(2);
    assertThat(charges).hasValue(1);
    assertThat(result.operation("cool-off").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(result.eventTypes()).containsExactly("ExecutionStarted",
        "StepStarted", "StepSucceeded", "StepStarted", "StepSucceeded", "WaitStarted", "InvocationCompleted",
        "WaitSucceeded", "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void firstInvocationSuspendsAtTheWaitAndTheClockDecidesWhenItResumes() {
    var runner = DurableTestRunner.create(new OrderWorkflow(gateway), Order.class, Receipt.class);
    TestResult<Receipt> first = runner.run(new Order("o-2", "c-9", 100));
    assertThat(first.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(first.operation("cool-off").status()).isEqualTo(OperationStatus.STARTED);

    runner.advanceTime(Duration.ofSeconds(299));
    assertThat(runner.result().operation("cool-off").status()).isEqualTo(OperationStatus.STARTED);
    runner.advanceTime(Duration.ofSeconds(1));
    TestResult<Receipt> done = runner.resume();
    assertThat(done.isSucceeded()).isTrue();
    assertThat(charges).hasValue(1);
  }

  @Test
  void invalidOrderFailsTheRunWithoutCharging() {
    var runner = DurableTestRunner.create(new OrderWorkflow(gateway), Order.class, Receipt.class);
    TestResult<Receipt> result = runner.runUntilComplete(new Order("o-3", "c-9", 0));
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error().errorMessage()).contains("non-positive amount");
    assertThat(charges).hasValue(0);
  }

  @Test
  void survivesACrashAtEveryCheckpointAndAfterEveryStepBody() {
    var report = CrashPointExplorer.explore(new OrderWorkflow(gateway), Order.class, Receipt.class,
        new Order("o-4", "c-9", 999));
    System.out.println(report);
    report.assertAllPassed();
    assertThat(report.points()).hasSizeGreaterThanOrEqualTo(report.checkpoints() + report.stepBodies());
    assertThat(report.checkpoints()).isGreaterThanOrEqualTo(4);
  }
}
