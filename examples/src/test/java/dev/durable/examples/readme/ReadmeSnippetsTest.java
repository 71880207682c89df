package dev.durable.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.examples.order.Order;
import dev.durable.examples.order.PaymentGateway;
import dev.durable.examples.order.Receipt;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of README.md, compiled and run. The code between {@code // snippet:<name>} and
 * {@code // end} is what the README shows under {@code <!-- snippet: ReadmeSnippetsTest#<name> -->}; the
 * docs module's {@code DocSnippetsTest} fails when the two drift apart.
 */
class ReadmeSnippetsTest {
  // snippet:workflow
  public static final class OrderWorkflow implements DurableFunction<Order, Receipt> {
    private final PaymentGateway gateway;

    public OrderWorkflow(PaymentGateway gateway) {
      this.gateway = gateway;
    }

    @Override
    public Receipt apply(Order order, DurableContext ctx) {
      String id = ctx.step("validate", String.class, s -> order.id());
      String payment = ctx.step("charge", String.class,
          s -> gateway.charge(order, s.idempotencyKey()), StepOptions.atMostOncePerRetry());
      ctx.wait("cool-off", Duration.ofSeconds(300));   // holds no thread while waiting
      return ctx.step("complete", Receipt.class, s -> new Receipt(id, payment, "COMPLETED"));
    }
  }
  // end

  private final PaymentGateway gateway = (order, key) -> "pay-" + order.id();

  @Test
  void theWorkflowRunsAndSurvivesEveryCrashPoint() {
    Order order = new Order("o-1", "c-9", 4200);
    // snippet:test
    var runner = DurableTestRunner.create(new OrderWorkflow(gateway), Order.class, Receipt.class);
    TestResult<Receipt> done = runner.runUntilComplete(order);   // skips the 300 s wait

    CrashPointExplorer.explore(new OrderWorkflow(gateway), Order.class, Receipt.class, order)
        .assertAllPassed();   // crashes after every checkpoint and every step body, resumes, compares
    // end
    assertThat(done.result()).isEqualTo(new Receipt("o-1", "pay-o-1", "COMPLETED"));
  }
}
