package dev.durable.examples;

import dev.durable.examples.order.Order;
import dev.durable.examples.order.OrderWorkflow;
import dev.durable.examples.order.Receipt;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo: runs the order workflow (validate, charge, wait 300 s, complete) on the in-memory
 * durable service with time skipping, and prints the result and its journal. Until the embedded
 * runtime lands this is what {@code java -jar examples/target/durable.jar} runs.
 */
public final class Main {
  private Main() {}

  /** Runs the demo; prints the receipt and the journal as JSON. */
  public static void main(String[] args) {
    AtomicInteger charges = new AtomicInteger();
    OrderWorkflow workflow = new OrderWorkflow((order, key) -> "pay-" + charges.incrementAndGet());
    var runner = DurableTestRunner.create(workflow, Order.class, Receipt.class);
    long t0 = System.nanoTime();
    TestResult<Receipt> result = runner.runUntilComplete(new Order("order-1", "customer-9", 4200));
    long micros = (System.nanoTime() - t0) / 1_000;
    System.out.println("status:      " + result.status());
    System.out.println("receipt:     " + result.result());
    System.out.println("invocations: " + result.invocations() + " (the 300 s wait was skipped by the manual clock)");
    System.out.println("charges:     " + charges.get());
    System.out.println("wall time:   " + micros / 1000.0 + " ms");
    System.out.println("journal:");
    System.out.println(runner.journalJson());
    if (!result.isSucceeded()) {
      System.exit(1);
    }
  }
}
