package dev.durable.testing;

import static dev.durable.testing.Histories.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** now(), random(), uuid(), isReplaying() and the logger behave the same on every replay. */
@Timeout(10)
class ReplaySafeHelpersTest {

  @Test
  void nowIsJournaledAndReplayedUnchanged() {
    List<Instant> firstNow = new CopyOnWriteArrayList<>();
    List<Instant> secondNow = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      Instant a = ctx.now();
      firstNow.add(a);
      ctx.wait("pause", Duration.ofSeconds(90));
      Instant b = ctx.now();
      secondNow.add(b);
      return Duration.between(a, b).toSeconds() + "s";
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    Instant start = runner.clock().instant();
    TestResult<String> r = assertSucceeded(runner.runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("90s");
    assertThat(firstNow).hasSize(2).containsOnly(start);
    assertThat(secondNow).containsExactly(start.plusSeconds(90));
    assertThat(r.operations("now")).hasSize(2);
  }

  @Test
  void randomAndUuidRepeatOnReplayButDifferBetweenCalls() {
    List<List<Object>> perInvocation = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      List<Object> values = new ArrayList<>();
      values.add(ctx.random().nextLong());
      values.add(ctx.random().nextLong());
      values.add(ctx.uuid());
      values.add(ctx.uuid());
      values.add(ctx.runInChildContext("child", Long.class, c -> c.random().nextLong()));
      perInvocation.add(values);
      ctx.wait("pause", Duration.ofSeconds(1));
      return values.toString();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(perInvocation).hasSize(2);
    assertThat(perInvocation.get(1)).isEqualTo(perInvocation.get(0));
    List<Object> v = perInvocation.get(0);
    assertThat(v.get(0)).isNotEqualTo(v.get(1));
    assertThat(v.get(2)).isNotEqualTo(v.get(3));
    assertThat(((UUID) v.get(2)).version()).isEqualTo(4);
    assertThat(((UUID) v.get(2)).variant()).isEqualTo(2);
    assertThat(r.result()).isEqualTo(v.toString());
  }

  @Test
  void randomIsSeededByTheExecutionIdAndThePositionOnly() {
    DurableFunction<String, Long> fn = (in, ctx) -> ctx.random().nextLong();
    // each runner numbers its executions from 1: two runners give the same execution id, whatever the input
    TestResult<Long> r1 = assertSucceeded(DurableTestRunner.create(fn, String.class, Long.class).runUntilComplete("a"));
    TestResult<Long> r2 = assertSucceeded(DurableTestRunner.create(fn, String.class, Long.class).runUntilComplete("b"));
    assertThat(r1.executionArn()).isEqualTo(r2.executionArn());
    assertThat(r1.result()).as("same execution id, same position: same seed").isEqualTo(r2.result());
  }

  @Test
  void isReplayingIsTrueWhileReplayingAndFalseOnceNewWorkStarts() {
    List<String> marks = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      marks.add("start:" + ctx.isReplaying());
      ctx.step("a", String.class, s -> "a");
      marks.add("after-a:" + ctx.isReplaying());
      ctx.wait("pause", Duration.ofSeconds(1));
      ctx.step("b", String.class, s -> "b");
      marks.add("after-b:" + ctx.isReplaying());
      return "done";
    };
    assertSucceeded(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(marks).containsExactly(
        "start:false", "after-a:false",
        "start:true", "after-a:true", "after-b:false");
  }

  @Test
  void aChildContextReplaysIndependently() {
    List<String> marks = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.runInChildContext("child", String.class, c -> {
      marks.add("child-start:" + c.isReplaying());
      c.wait("pause", Duration.ofSeconds(1));
      c.step("after", String.class, s -> "x");
      marks.add("child-end:" + c.isReplaying());
      return "done";
    });
    assertSucceeded(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(marks).containsExactly("child-start:false", "child-start:true", "child-end:false");
  }

  @Test
  void theLoggerIsSilentWhileReplaying() {
    String marker = "replay-safe-log-" + UUID.randomUUID();
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.logger().info("{} before the wait", marker);
      ctx.wait("pause", Duration.ofSeconds(1));
      ctx.step("s", String.class, s -> "x");
      ctx.logger().info("{} after the wait", marker);
      return "done";
    };
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertSucceeded(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log.split(marker + " before the wait", -1)).as(log).hasSize(2);
    assertThat(log.split(marker + " after the wait", -1)).as(log).hasSize(2);
  }
}
