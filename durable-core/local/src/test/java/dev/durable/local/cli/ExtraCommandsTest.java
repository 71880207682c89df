package dev.durable.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** An application's own commands: they get the CLI's context and can replace a built-in one. */
class ExtraCommandsTest {
  @Command(name = "greet", description = "Starts echo and prints its timeline")
  static final class Greet implements Callable<Integer> {
    private final CliContext cli;

    @Parameters(index = "0")
    String who;

    Greet(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (LocalRuntime rt = cli.open(b -> { }, cli.registrations())) {
        rt.startWorker();
        String arn = rt.start("echo", null, who).executionArn();
        rt.await(arn, String.class, Duration.ofSeconds(30));
        cli.out().println("store=" + cli.store());
        cli.printTimeline(rt, arn);
      }
      return DurableCli.OK;
    }
  }

  @Command(name = "demo", description = "Another demo")
  static final class OtherDemo implements Callable<Integer> {
    private final CliContext cli;

    OtherDemo(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      cli.out().println("the application's own demo");
      return DurableCli.OK;
    }
  }

  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  private final StringWriter out = new StringWriter();

  private int run(List<Function<CliContext, Object>> commands, String... args) {
    RuntimeFactory factory = (path, durability) -> LocalRuntime.builder().store(store, leases)
        .pollInterval(Duration.ofMillis(10));
    return DurableCli.run(args, CliHarness.FUNCTIONS, null, factory, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true), commands);
  }

  @Test
  void anExtraCommandSeesTheGlobalOptionsAndPrintsATimeline() {
    assertThat(run(List.of(Greet::new), "greet", "ada", "--store", "x.db")).isZero();
    assertThat(out.toString()).contains("store=x.db").containsPattern("STEP +say +SUCCEEDED");
  }

  @Test
  void anExtraCommandReplacesTheBuiltInOfTheSameName() {
    assertThat(run(List.of(OtherDemo::new), "demo")).isZero();
    assertThat(out.toString()).isEqualTo("the application's own demo" + System.lineSeparator());
  }
}
