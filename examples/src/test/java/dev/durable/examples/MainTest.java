package dev.durable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.DurableCli;
import dev.durable.local.cli.RuntimeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CLI jar's wiring: the demo and the registered order workflow, on an in-memory store. */
class MainTest {
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  private final RuntimeFactory inMemory = (path, durability) ->
      LocalRuntime.builder().store(store, leases).pollInterval(Duration.ofMillis(20));
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return DurableCli.run(args, Main::register, Main.demo(), inMemory, new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  @Test
  void demoRunsTheOrderWorkflowThroughItsCoolOff() {
    assertThat(run("demo")).isZero();
    assertThat(out.toString())
        .contains("the cool-off is 2 s here instead of the example's 300 s")
        .contains("Status:      SUCCEEDED")
        .contains("Result:      {\"orderId\":\"order-1\",\"paymentId\":\"pay-order-1\",\"status\":\"COMPLETED\"}")
        .contains("Invocations: 2")
        .containsPattern("WAIT +cool-off +SUCCEEDED");
  }

  @Test
  void theOrdersFunctionIsRegisteredForStart() {
    assertThat(run("start", "orders", "--name", "o-7",
        "--input", "{\"id\":\"o-7\",\"customer\":\"c-1\",\"amountCents\":0}", "--wait=10s"))
        .isEqualTo(DurableCli.RUN_FAILED);
    assertThat(err.toString()).contains("non-positive amount");
  }
}
