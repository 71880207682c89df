package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.OperationStatus;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.CrashPointExplorer.CrashReport;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The snippets of docs/testing.md. */
class TestingSnippetsTest {
  private final List<String> sent = new CopyOnWriteArrayList<>();

  private final DurableFunction<String, String> review = (doc, ctx) -> {
    String verdict = ctx.waitForCallback("review", String.class,
        (callbackId, s) -> sent.add(callbackId), CallbackOptions.timeout(Duration.ofDays(3)));
    return ctx.step("publish", String.class, s -> doc + " " + verdict);
  };

  @Test
  void driveACallback() {
    // snippet:callback
    var runner = DurableTestRunner.create(review, String.class, String.class);
    TestResult<String> paused = runner.run("draft-7");            // runs until the run suspends
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);

    runner.completeCallback("review", "approved");               // by operation name or callback id
    TestResult<String> done = runner.resume();
    assertThat(done.result()).isEqualTo("draft-7 approved");
    assertThat(done.operation("publish").status()).isEqualTo(OperationStatus.SUCCEEDED);
    // end
  }

  @Test
  void skipTime() {
    // snippet:timeout
    var runner = DurableTestRunner.create(review, String.class, String.class);
    runner.run("draft-8");
    runner.advanceTime(Duration.ofDays(3).plusSeconds(1));      // the manual clock passes the timeout
    TestResult<String> timedOut = runner.resume();
    assertThat(timedOut.isFailed()).isTrue();
    assertThat(timedOut.error().errorType()).contains("CallbackTimeout");
    // end
  }

  @Test
  void crashEverywhere() {
    // snippet:explorer
    CrashReport report = CrashPointExplorer.explore(review, TypeToken.of(String.class), TypeToken.of(String.class),
        "draft-9", runner -> {
          if (runner.result().status() != ExecutionStatus.RUNNING) {
            return false;                                         // nothing left to drive
          }
          runner.completeCallback("review", "approved");          // what the outside world would do
          return true;
        });
    report.assertAllPassed();   // every crash point resumed to the same result, no step ran twice
    // end
    assertThat(report.points()).isNotEmpty();
  }
}
