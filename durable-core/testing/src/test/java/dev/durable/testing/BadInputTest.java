package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.SerializationException;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepOptions;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Misuse and bad arguments fail the execution with IllegalDurableOperationException (or
 * SerializationException) whose message names the argument, the value and the fix, and leave no
 * half-written operation in the journal.
 */
@Timeout(10)
class BadInputTest {

  @FunctionalInterface
  interface Call {
    void on(DurableContext ctx) throws Exception;
  }

  /** A self-referencing object Jackson cannot serialize. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class Loop {
    final String label = "loop";
    final Loop self = this;
  }

  static Stream<Arguments> badCalls() {
    String longName = "n".repeat(257);
    return Stream.of(
        Arguments.of("null step name", (Call) ctx -> ctx.step(null, String.class, s -> "x"),
            List.of("step name is null", "stable name")),
        Arguments.of("blank step name", (Call) ctx -> ctx.step("   ", String.class, s -> "x"),
            List.of("step name is blank")),
        Arguments.of("name over 256 characters", (Call) ctx -> ctx.step(longName, String.class, s -> "x"),
            List.of("257 characters long", "limit is 256")),
        Arguments.of("non-printable name", (Call) ctx -> ctx.step("bad\nname", String.class, s -> "x"),
            List.of("U+000A", "index 3", "printable ASCII")),
        Arguments.of("non-ASCII wait name", (Call) ctx -> ctx.wait("caf\u00e9", Duration.ofSeconds(5)),
            List.of("wait name", "U+00E9", "printable ASCII")),
        Arguments.of("wait under one second", (Call) ctx -> ctx.wait("short", Duration.ofMillis(500)),
            List.of("wait 'short'", "PT0.5S", "1 second to 366 days", "sleep inside a step")),
        Arguments.of("zero wait", (Call) ctx -> ctx.wait("zero", Duration.ZERO), List.of("wait 'zero'", "PT0S")),
        Arguments.of("negative wait", (Call) ctx -> ctx.wait("neg", Duration.ofSeconds(-5)),
            List.of("wait 'neg'", "PT-5S")),
        Arguments.of("wait over 366 days", (Call) ctx -> ctx.wait("long", Duration.ofDays(367)),
            List.of("wait 'long'", "366 days")),
        Arguments.of("null wait duration", (Call) ctx -> ctx.wait("none", null), List.of("wait 'none'", "null")),
        Arguments.of("zero callback timeout",
            (Call) ctx -> ctx.createCallback("cb", String.class, CallbackOptions.timeout(Duration.ZERO)),
            List.of("callback timeout", "'cb'", "PT0S", "positive")),
        Arguments.of("negative heartbeat timeout", (Call) ctx -> ctx.createCallback("cb", String.class,
            CallbackOptions.timeout(Duration.ofMinutes(1)).withHeartbeatTimeout(Duration.ofSeconds(-1))),
            List.of("heartbeat timeout", "'cb'", "PT-1S")),
        Arguments.of("waitForCallback name too long for its suffixes",
            (Call) ctx -> ctx.waitForCallback("w".repeat(250), String.class, (id, s) -> { },
                CallbackOptions.defaults()),
            List.of("characters long", "limit is 256")),
        Arguments.of("null child context name", (Call) ctx -> ctx.runInChildContext(null, String.class, c -> "x"),
            List.of("runInChildContext name is null")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCalls")
  void badArgumentsFailClearlyAndJournalNothing(String label, Call call, List<String> fragments) {
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.step("before", String.class, s -> "fine");
      call.on(ctx);
      return "unreachable";
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).as(label).isEqualTo(IllegalDurableOperationException.class.getName());
    for (String f : fragments) {
      assertThat(r.error().errorMessage()).as(label).contains(f);
    }
    assertThat(r.operations()).as(label).filteredOn(o -> o.type() != OperationType.EXECUTION)
        .extracting(Operation::name).containsExactly("before");
    Histories.assertNoOpenOperations(r);
  }

  @Test
  void aContextOperationInsideAStepBodyIsRefused() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("outer", String.class,
        s -> ctx.step("inner", String.class, s2 -> "nested"), StepOptions.noRetry());
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorMessage())
        .contains("ctx.step(\"inner\")").contains("inside the body of step 'outer'").contains("runInChildContext");
    assertThat(r.operations()).noneMatch(o -> "inner".equals(o.name()));
    assertThat(r.operation("outer").error().errorType()).isEqualTo(IllegalDurableOperationException.class.getName());
    Histories.assertNoOpenOperations(r);
  }

  @Test
  void misuseInsideAStepIsNotRetriedEvenWithTheDefaultPolicy() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("outer", String.class,
        s -> ctx.step("inner", String.class, s2 -> "nested"));
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.operation("outer").attempts()).isEqualTo(1);
    assertThat(r.invocations()).isEqualTo(1);
  }

  @Test
  void aHandlerThatSwallowsTheSuspensionFailsWithAClearMessage() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.wait("pause", Duration.ofSeconds(5));
      } catch (Throwable t) {
        // wrong: this also catches the engine's suspension signal
      }
      return "carried on";
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).run("x"));
    assertThat(r.error().errorType()).isEqualTo(IllegalDurableOperationException.class.getName());
    assertThat(r.error().errorMessage()).contains("caught the engine's suspension signal").contains("rethrow")
        .contains("catch Exception instead");
  }

  @Test
  void aChildBodyThatSwallowsTheSuspensionFailsWithAMessageNamingTheChild() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.runInChildContext("sloppy", String.class, c -> {
      try {
        c.wait("pause", Duration.ofSeconds(5));
      } catch (Throwable t) {
        // wrong
      }
      return "carried on";
    });
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).run("x"));
    assertThat(r.error().errorMessage()).contains("sloppy").contains("suspension signal");
    assertThat(r.operation("sloppy").status()).as("the child is not recorded as succeeded")
        .isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void anUnserializableStepResultFailsTheStepNamingTheStepAndTheType() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        ctx.step("make", Loop.class, s -> new Loop());
        return "unreachable";
      } catch (StepFailedException e) {
        return e.errorType() + " | " + e.getMessage();
      }
    };
    TestResult<String> r = Histories.assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).startsWith(SerializationException.class.getName())
        .contains("step 'make'").contains(Loop.class.getName());
    assertThat(r.operation("make").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.operation("make").attempts()).as("a serialization failure is not retried").isEqualTo(1);
    assertThat(r.operation("make").resultJson()).isNull();
  }

  @Test
  void anUnserializableHandlerResultFailsTheExecution() {
    DurableFunction<String, Loop> fn = (in, ctx) -> new Loop();
    TestResult<Loop> r = assertFailed(DurableTestRunner.create(fn, String.class, Loop.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(SerializationException.class.getName());
    assertThat(r.error().errorMessage()).contains("result of the durable function").contains(Loop.class.getName());
  }

  @Test
  void aJournaledValueThatNoLongerFitsItsTypeFailsWithSerializationException() {
    java.util.concurrent.atomic.AtomicBoolean deployed = new java.util.concurrent.atomic.AtomicBoolean();
    DurableTestRunner<String, String> runner = DurableTestRunner.create((String in, DurableContext ctx) -> {
      Object v = deployed.get()
          ? ctx.step("value", Integer.class, s -> 1)
          : ctx.step("value", String.class, s -> "not a number");
      ctx.wait("pause", Duration.ofSeconds(1));
      return String.valueOf(v);
    }, String.class, String.class);
    Histories.assertRunning(runner.run("x"));
    deployed.set(true);
    TestResult<String> r = assertFailed(runner.resume());
    assertThat(r.error().errorType()).isEqualTo(SerializationException.class.getName());
    assertThat(r.error().errorMessage()).contains("step 'value'").contains("Integer");
  }

  @Test
  void theJournalOfARefusedCallHoldsOnlyTheExecution() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.wait("x", Duration.ofMillis(10));
      return "unreachable";
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.operations()).extracting(Operation::type).containsExactly(OperationType.EXECUTION);
    assertThat(Histories.types(r)).containsExactly("InvocationCompleted", "ExecutionFailed");
  }
}
