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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of README.md, compiled and run. The code between {@code // snippet:<name>} and
 * {@code // end} is what the README shows under {@code <!-- snippet: ReadmeSnippetsTest#<name> -->}.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SELF = Path.of("src/test/java/dev/durable/examples/readme/ReadmeSnippetsTest.java");

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

  @Test
  void theReadmeShowsExactlyTheseSnippets() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String self = Files.readString(SELF, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- snippet: ReadmeSnippetsTest#(\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      seen.add(name);
      int start = self.indexOf("// snippet:" + name + "\n");
      assertThat(start).as("test region for snippet %s", name).isNotNegative();
      String code = self.substring(self.indexOf('\n', start) + 1, self.indexOf("// end", start));
      assertThat(strip(m.group(2))).as("README snippet %s", name).isEqualTo(strip(code));
    }
    assertThat(seen).containsExactly("workflow", "test");
    // blocks marked for other tests (the agent example in the docs module) are checked there, by DocSnippetsTest
    long marked = Pattern.compile("<!-- snippet: \\w+#\\w+ -->\\s*```java\\n").matcher(readme).results().count();
    assertThat(readme.split("```java", -1).length - 1).as("every java block of the README is a checked snippet")
        .isEqualTo(marked);
  }

  private static List<String> strip(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
