package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.first;
import static dev.durable.testing.Histories.op;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.InvokeFailedException;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chained invokes of other durable functions (conformance suite 5, reference §1.10). */
@Timeout(10)
class ConformanceInvokeTest {
  record Order(String id, int qty) {}

  private static final DurableFunction<String, String> ECHO =
      (in, ctx) -> ctx.step("echo", String.class, s -> "echo:" + in);

  @Test
  void aRegisteredFunctionIsInvokedAndItsResultFlowsBack() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.invoke("call-echo", "echo", in, String.class);
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .withFunction("echo", ECHO, String.class, String.class).runUntilComplete("hi"));
    assertThat(r.result()).isEqualTo("echo:hi");
    assertThat(types(r)).containsExactly("ChainedInvokeStarted", "InvocationCompleted", "ChainedInvokeSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
    HistoryEvent started = first(r, "ChainedInvokeStarted");
    assertThat(started.functionName()).isEqualTo("echo");
    assertThat(started.payload()).isEqualTo("\"hi\"");
    assertThat(started.name()).isEqualTo("call-echo");
    assertThat(started.subType()).isEqualTo("ChainedInvoke");
    assertThat(first(r, "ChainedInvokeSucceeded").payload()).isEqualTo("\"echo:hi\"");
    Operation call = op(r, "call-echo");
    assertThat(call.type()).isEqualTo(OperationType.CHAINED_INVOKE);
    assertThat(r.operation("call-echo").result(String.class)).isEqualTo("echo:hi");
  }

  @Test
  void structuredPayloadsRoundTrip() {
    DurableFunction<Order, Order> doubler = (o, ctx) -> new Order(o.id(), o.qty() * 2);
    DurableFunction<Order, Order> fn = (o, ctx) -> ctx.invoke("double", "doubler", o, Order.class);
    TestResult<Order> r = assertSucceeded(DurableTestRunner.create(fn, Order.class, Order.class)
        .withFunction("doubler", doubler, Order.class, Order.class).runUntilComplete(new Order("o-1", 21)));
    assertThat(r.result()).isEqualTo(new Order("o-1", 42));
  }

  @Test
  void aFailingTargetRaisesInvokeFailedException() {
    DurableFunction<String, String> broken = (in, ctx) -> {
      throw new IllegalStateException("target refused " + in);
    };
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return ctx.invoke("call", "broken", in, String.class);
      } catch (InvokeFailedException e) {
        return "caught " + e.errorType() + ": " + e.error().errorMessage();
      }
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .withFunction("broken", broken, String.class, String.class).runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("caught java.lang.IllegalStateException: target refused x");
    assertThat(types(r)).containsExactly("ChainedInvokeStarted", "InvocationCompleted", "ChainedInvokeFailed",
        "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void anUncaughtInvokeFailureFailsTheCaller() {
    DurableFunction<String, String> broken = (in, ctx) -> {
      throw new IllegalStateException("nope");
    };
    DurableFunction<String, String> fn = (in, ctx) -> ctx.invoke("call", "broken", in, String.class);
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class)
        .withFunction("broken", broken, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(InvokeFailedException.class.getName());
    assertThat(r.error().errorMessage()).contains("call").contains("nope");
  }

  @Test
  void anUnregisteredTargetIsCompletedByTheTest() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.invoke("call", "external-fn", in, String.class);
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    TestResult<String> waiting = assertRunning(runner.run("x"));
    assertThat(waiting.operation("call").status()).isEqualTo(OperationStatus.STARTED);
    runner.completeInvoke("call", "from outside");
    TestResult<String> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo("from outside");
  }

  @Test
  void anUnregisteredTargetCanBeFailedByTheTest() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      try {
        return ctx.invoke("call", "external-fn", in, String.class);
      } catch (InvokeFailedException e) {
        return e.errorType() + "/" + e.error().errorMessage();
      }
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class);
    assertRunning(runner.run("x"));
    runner.failInvoke("call", ErrorObject.of("Boom", "target exploded"));
    assertThat(assertSucceeded(runner.resume()).result()).isEqualTo("Boom/target exploded");
  }

  /** A finished invoke is replayed from the journal: the target is not invoked again (5.9, 5.10). */
  @Test
  void aFinishedInvokeIsNotRepeatedOnReplay() {
    AtomicInteger targetRuns = new AtomicInteger();
    DurableFunction<String, String> target = (in, ctx) -> "t" + targetRuns.incrementAndGet();
    DurableFunction<String, String> fn = (in, ctx) -> {
      String v = ctx.invoke("call", "target", in, String.class);
      ctx.wait("after", Duration.ofSeconds(1));
      return v;
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .withFunction("target", target, String.class, String.class).runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("t1");
    assertThat(targetRuns).hasValue(1);
    assertThat(types(r)).containsExactly("ChainedInvokeStarted", "InvocationCompleted", "ChainedInvokeSucceeded",
        "WaitStarted", "InvocationCompleted", "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  /** An invoke inside a child context is parented to it (5.13); a step before it runs once (5.11). */
  @Test
  void anInvokeInsideAChildContextIsParentedToIt() {
    AtomicInteger stepRuns = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      String prepared = ctx.step("prepare", String.class, s -> in + stepRuns.incrementAndGet());
      return ctx.runInChildContext("child", String.class, c -> c.invoke("call", "echo", prepared, String.class));
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .withFunction("echo", ECHO, String.class, String.class).runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("echo:x1");
    assertThat(stepRuns).hasValue(1);
    assertThat(op(r, "call").parentId()).isEqualTo(op(r, "child").id());
    assertThat(types(r)).containsExactly("StepStarted", "StepSucceeded", "ContextStarted", "ChainedInvokeStarted",
        "InvocationCompleted", "ChainedInvokeSucceeded", "ContextSucceeded", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  @Test
  void sequentialInvokesEachSuspend() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.invoke("first", "echo", in, String.class)
        + "|" + ctx.invoke("second", "echo", in + "2", String.class);
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .withFunction("echo", ECHO, String.class, String.class).runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("echo:x|echo:x2");
    assertThat(types(r)).containsExactly("ChainedInvokeStarted", "InvocationCompleted", "ChainedInvokeSucceeded",
        "ChainedInvokeStarted", "InvocationCompleted", "ChainedInvokeSucceeded", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  @Test
  void aBlankFunctionNameIsRefusedBeforeJournaling() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.invoke("call", " ", in, String.class);
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(IllegalDurableOperationException.class.getName());
    assertThat(r.error().errorMessage()).contains("invoke 'call'").contains("function");
    assertThat(r.operations()).extracting(Operation::type).containsOnly(OperationType.EXECUTION);
  }
}
