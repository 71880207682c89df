package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.op;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.Branch;
import dev.durable.core.ChildContextFailedException;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.DurableFunction;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.TypeToken;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** parallel: branches, ordering, completion policies and replay (conformance suite 8, reference §1.10). */
@Timeout(10)
class ConformanceParallelTest {

  private static Branch<String> ok(String name, String value) {
    return Branch.of(name, c -> value);
  }

  private static Branch<String> failing(String name) {
    return Branch.of(name, c -> {
      throw new IllegalStateException(name + " failed");
    });
  }

  /** "REASON successCount/failureCount/started" of a parallel over {@code branches}. */
  private static DurableFunction<String, String> summary(List<Branch<String>> branches, BatchOptions options) {
    return (in, ctx) -> {
      BatchResult<String> r = ctx.parallel("par", String.class, branches, options);
      long started = r.items().stream().filter(i -> i.status().name().matches("SUCCEEDED|FAILED")).count();
      return r.completionReason() + " " + r.succeeded().size() + "/" + r.failed().size() + "/" + started;
    };
  }

  @Test
  void sequentialBranchesProduceTheReferenceHistory() {
    DurableFunction<String, List> fn = (in, ctx) -> ctx.parallel("parallel", String.class, List.of(
        Branch.of("b1", c -> c.step("task", String.class, s -> "task-1")),
        Branch.of("b2", c -> c.step("task", String.class, s -> "task-2"))), BatchOptions.maxConcurrency(1)).results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).containsExactly("task-1", "task-2");
    assertThat(types(r)).containsExactly("ContextStarted", "ContextStarted", "StepStarted", "StepSucceeded",
        "ContextSucceeded", "ContextStarted", "StepStarted", "StepSucceeded", "ContextSucceeded", "ContextSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
    Operation par = op(r, "parallel");
    Operation b1 = op(r, "b1");
    Operation b2 = op(r, "b2");
    assertThat(par.subType()).isEqualTo("Parallel");
    assertThat(b1.subType()).isEqualTo("ParallelBranch");
    assertThat(b1.parentId()).isEqualTo(par.id());
    assertThat(b2.parentId()).isEqualTo(par.id());
    assertThat(r.operations("task")).extracting(t -> t.operation().parentId()).containsExactly(b1.id(), b2.id());
  }

  @Test
  void concurrentBranchesReturnResultsInBranchOrder() {
    List<Branch<String>> branches = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int n = i;
      branches.add(Branch.of("b" + i, c -> c.step("work", String.class, s -> {
        Thread.sleep(10L * (4 - n));
        return "r" + n;
      })));
    }
    DurableFunction<String, List> fn = (in, ctx) -> ctx.parallel("concurrent", String.class, branches,
        BatchOptions.maxConcurrency(2)).results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).containsExactly("r0", "r1", "r2", "r3");
    assertThat(types(r).get(0)).isEqualTo("ContextStarted");
    assertThat(op(r, "b3").id()).isEqualTo(Histories.sha256(op(r, "concurrent").id() + "-4"));
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("fail-fast", List.of(ok("a", "1"), failing("b"), ok("c", "3")), null,
            "FAILURE_TOLERANCE_EXCEEDED 1/1/2"),
        Arguments.of("toleratedFailures(1) tolerates one", List.of(ok("a", "1"), failing("b"), ok("c", "3")),
            CompletionPolicy.toleratedFailures(1), "ALL_COMPLETED 2/1/3"),
        Arguments.of("toleratedFailures(1) exceeded", List.of(failing("a"), failing("b"), ok("c", "3")),
            CompletionPolicy.toleratedFailures(1), "FAILURE_TOLERANCE_EXCEEDED 0/2/2"),
        Arguments.of("25% exceeded", List.of(failing("a"), failing("b"), ok("c", "3"), ok("d", "4")),
            CompletionPolicy.toleratedFailurePercentage(25), "FAILURE_TOLERANCE_EXCEEDED 0/2/2"),
        Arguments.of("25% exactly equal", List.of(failing("a"), ok("b", "2"), ok("c", "3"), ok("d", "4")),
            CompletionPolicy.toleratedFailurePercentage(25), "ALL_COMPLETED 3/1/4"),
        Arguments.of("minSuccessful never reached", List.of(ok("a", "1"), failing("b"), ok("c", "3")),
            CompletionPolicy.minSuccessful(3), "ALL_COMPLETED 2/1/3"),
        Arguments.of("minSuccessful reached early", List.of(ok("a", "1"), ok("b", "2"), ok("c", "3")),
            CompletionPolicy.firstSuccessful(), "MIN_SUCCESSFUL_REACHED 1/0/1"),
        Arguments.of("min + tolerated, tolerance first", List.of(failing("a"), failing("b"), ok("c", "3")),
            CompletionPolicy.minSuccessful(1).withToleratedFailures(1), "FAILURE_TOLERANCE_EXCEEDED 0/2/2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void completionPoliciesDecideWhenTheParallelStops(String label, List<Branch<String>> branches,
      CompletionPolicy policy, String expected) {
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(
        summary(branches, BatchOptions.maxConcurrency(1).withCompletion(policy)), String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).as(label).isEqualTo(expected);
    long branchOps = r.operations().stream().filter(o -> "ParallelBranch".equals(o.subType())).count();
    assertThat(branchOps).as("only started branches are journaled").isEqualTo(Long.parseLong(expected.split("/")[2]));
  }

  @Test
  void throwIfErrorPropagatesABranchFailure() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.parallel("par", String.class, List.of(failing("bad"), ok("good", "g")), BatchOptions.maxConcurrency(1))
          .throwIfError();
      return "unreachable";
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(ChildContextFailedException.class.getName());
    assertThat(r.error().errorMessage()).contains("bad").contains("bad failed");
    assertThat(types(r)).containsExactly("ContextStarted", "ContextStarted", "ContextFailed", "ContextSucceeded",
        "InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void anEmptyParallelCompletesAtOnce() {
    DurableFunction<String, List> fn = (in, ctx) -> ctx.parallel("none", String.class, List.<Branch<String>>of(),
        BatchOptions.defaults()).results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).isEmpty();
    assertThat(types(r)).containsExactly("ContextStarted", "ContextSucceeded", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  /** Branch 1 waits; on resume branch 0 is rebuilt from the journal, not re-run (8.14). */
  @Test
  void aWaitInOneBranchSuspendsAndTheOtherIsNotRerun() {
    AtomicInteger b0Runs = new AtomicInteger();
    DurableFunction<String, List> fn = (in, ctx) -> ctx.parallel("replay", String.class, List.of(
        Branch.of("b0", c -> {
          b0Runs.incrementAndGet();
          return c.step("s", String.class, s -> "b0");
        }),
        Branch.of("b1", c -> {
          c.wait("w", Duration.ofSeconds(2));
          return "b1";
        })), BatchOptions.maxConcurrency(1)).results();
    DurableTestRunner<String, List> runner = DurableTestRunner.create(fn, String.class, List.class);
    assertRunning(runner.run("x"));
    TestResult<List> r = assertSucceeded(runner.resume());
    assertThat(r.result()).containsExactly("b0", "b1");
    assertThat(b0Runs).hasValue(1);
    assertThat(types(r)).containsExactly("ContextStarted", "ContextStarted", "StepStarted", "StepSucceeded",
        "ContextSucceeded", "ContextStarted", "WaitStarted", "InvocationCompleted", "WaitSucceeded",
        "ContextSucceeded", "ContextSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  @Test
  void parallelsNest() {
    DurableFunction<String, List> fn = (in, ctx) -> ctx.parallel("outer", new TypeToken<List<String>>() {}, List.of(
        Branch.of("only", c -> c.parallel("inner", String.class, List.of(
            Branch.of("i1", cc -> cc.step("s1", String.class, s -> "i1")),
            Branch.of("i2", cc -> cc.step("s2", String.class, s -> "i2"))), BatchOptions.maxConcurrency(1))
            .results())), BatchOptions.defaults()).results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).containsExactly(List.of("i1", "i2"));
    assertThat(op(r, "inner").parentId()).isEqualTo(op(r, "only").id());
    assertThat(op(r, "only").parentId()).isEqualTo(op(r, "outer").id());
    assertThat(op(r, "s2").parentId()).isEqualTo(op(r, "i2").id());
    assertThat(r.history()).filteredOn(e -> e.eventType().equals("ContextStarted")).extracting(HistoryEvent::subType)
        .containsExactly("Parallel", "ParallelBranch", "Parallel", "ParallelBranch", "ParallelBranch");
  }

  /** maxConcurrency 0 is refused before anything is journaled (8.19). */
  @Test
  void maxConcurrencyZeroFailsTheExecutionBeforeJournaling() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.parallel("bad", String.class, List.of(ok("a", "1")),
        new BatchOptions(0, null, null)).toString();
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(IllegalDurableOperationException.class.getName());
    assertThat(r.error().errorMessage()).contains("maxConcurrency");
    assertThat(r.operations()).extracting(Operation::type).containsOnly(OperationType.EXECUTION);
    assertThat(types(r)).containsExactly("InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void branchNamesAreValidated() {
    DurableFunction<String, String> fn = (in, ctx) -> ctx.parallel("p", String.class, List.of(ok(" ", "1")),
        BatchOptions.defaults()).toString();
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(IllegalDurableOperationException.class.getName());
    assertThat(r.error().errorMessage()).contains("parallel branch name is blank");
    assertThat(r.operations()).extracting(Operation::type).containsOnly(OperationType.EXECUTION);
  }
}
