package dev.durable.testing;

import static dev.durable.testing.Histories.assertFailed;
import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static dev.durable.testing.Histories.op;
import static dev.durable.testing.Histories.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.BatchItem;
import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.ChildContextFailedException;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.DurableFunction;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.StepOptions;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** map: ordering, naming, completion policies and replay (conformance suite 9, reference §1.10). */
@Timeout(10)
class ConformanceMapTest {

  /** Maps "ok*" items to themselves and fails on "fail*" items; returns "REASON S,F,SKIPPED...". */
  private static DurableFunction<String, String> outcomeOf(List<String> items, BatchOptions options) {
    return (in, ctx) -> {
      BatchResult<String> r = ctx.map("batch", items, String.class, (item, i, c) -> {
        if (item.startsWith("fail")) {
          throw new IllegalStateException(item + " at " + i);
        }
        return item;
      }, options);
      return r.completionReason() + " " + String.join(",", r.items().stream().map(x -> x.status().name()).toList());
    };
  }

  @ParameterizedTest(name = "maxConcurrency {0}")
  @NullSource
  @ValueSource(ints = {1, 2})
  void resultsComeBackInIndexOrderWithTheIndexPassedIn(Integer maxConcurrency) {
    DurableFunction<String, List> fn = (in, ctx) -> ctx.map("indexed", List.of(10, 20, 30, 40, 50), Integer.class,
        (item, index, c) -> c.step("add", Integer.class, s -> {
          Thread.sleep(5L * (5 - index));
          return item + index;
        }), new BatchOptions(maxConcurrency, null, null)).results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).containsExactly(10, 21, 32, 43, 54);
    Operation map = op(r, "indexed");
    assertThat(map.subType()).isEqualTo("Map");
    List<Operation> iterations = r.operations().stream().filter(o -> "MapIteration".equals(o.subType())).toList();
    assertThat(iterations).hasSize(5).allSatisfy(o -> assertThat(o.parentId()).isEqualTo(map.id()));
    assertThat(iterations).extracting(Operation::id).containsExactlyInAnyOrder(
        Histories.sha256(map.id() + "-1"), Histories.sha256(map.id() + "-2"), Histories.sha256(map.id() + "-3"),
        Histories.sha256(map.id() + "-4"), Histories.sha256(map.id() + "-5"));
  }

  @Test
  void sequentialItemsProduceTheReferenceHistory() {
    DurableFunction<String, List> fn = (in, ctx) -> ctx.map("greet", List.of("World", "Kiro"), String.class,
        (item, i, c) -> c.step("hello", String.class, s -> "Hello, " + item + "!"), BatchOptions.maxConcurrency(1))
        .results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).containsExactly("Hello, World!", "Hello, Kiro!");
    assertThat(types(r)).containsExactly("ContextStarted", "ContextStarted", "StepStarted", "StepSucceeded",
        "ContextSucceeded", "ContextStarted", "StepStarted", "StepSucceeded", "ContextSucceeded", "ContextSucceeded",
        "InvocationCompleted", "ExecutionSucceeded");
    assertThat(r.history()).filteredOn(e -> e.eventType().startsWith("Context"))
        .extracting(HistoryEvent::subType)
        .containsExactly("Map", "MapIteration", "MapIteration", "MapIteration", "MapIteration", "Map");
  }

  @Test
  void theItemNamerNamesEachIteration() {
    DurableFunction<String, List> fn = (in, ctx) -> ctx.map("named-items", List.of(10, 20), Integer.class,
        (item, i, c) -> item, BatchOptions.maxConcurrency(1).withItemNamer((item, i) -> "item-" + (i + 1)))
        .results();
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class).runUntilComplete("x"));
    assertThat(r.result()).containsExactly(10, 20);
    assertThat(r.operation("item-1").subType()).isEqualTo("MapIteration");
    assertThat(r.operation("item-2").result(Integer.class)).isEqualTo(20);
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("fail-fast (default)", "ok,fail,ok", null,
            "FAILURE_TOLERANCE_EXCEEDED SUCCEEDED,FAILED,SKIPPED"),
        Arguments.of("toleratedFailures(1) exceeded", "fail,fail,ok", CompletionPolicy.toleratedFailures(1),
            "FAILURE_TOLERANCE_EXCEEDED FAILED,FAILED,SKIPPED"),
        Arguments.of("toleratedFailures(1) not exceeded", "ok,fail,ok", CompletionPolicy.toleratedFailures(1),
            "ALL_COMPLETED SUCCEEDED,FAILED,SUCCEEDED"),
        Arguments.of("25% exceeded at 2 of 4", "fail,fail,ok,ok", CompletionPolicy.toleratedFailurePercentage(25),
            "FAILURE_TOLERANCE_EXCEEDED FAILED,FAILED,SKIPPED,SKIPPED"),
        Arguments.of("25% exactly reached is tolerated", "fail,ok,ok,ok",
            CompletionPolicy.toleratedFailurePercentage(25),
            "ALL_COMPLETED FAILED,SUCCEEDED,SUCCEEDED,SUCCEEDED"),
        Arguments.of("minSuccessful(2) reached early", "ok,ok,ok,ok", CompletionPolicy.minSuccessful(2),
            "MIN_SUCCESSFUL_REACHED SUCCEEDED,SUCCEEDED,SKIPPED,SKIPPED"),
        Arguments.of("minSuccessful(3) never reached", "ok,fail,ok", CompletionPolicy.minSuccessful(3),
            "ALL_COMPLETED SUCCEEDED,FAILED,SUCCEEDED"),
        Arguments.of("allCompleted runs everything", "fail,fail,ok", CompletionPolicy.allCompleted(),
            "ALL_COMPLETED FAILED,FAILED,SUCCEEDED"),
        Arguments.of("failure tolerance checked before minSuccessful", "fail,fail,ok,ok",
            CompletionPolicy.minSuccessful(2).withToleratedFailures(1),
            "FAILURE_TOLERANCE_EXCEEDED FAILED,FAILED,SKIPPED,SKIPPED"));
  }

  /** Sequential items (maxConcurrency 1), so which items are skipped is deterministic (9.5-9.10, 8.17-8.22). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void completionPoliciesDecideWhenTheBatchStops(String label, String items, CompletionPolicy policy,
      String expected) {
    List<String> list = Arrays.asList(items.split(","));
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(
        outcomeOf(list, BatchOptions.maxConcurrency(1).withCompletion(policy)), String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).as(label).isEqualTo(expected);
    long started = expected.split(" ")[1].split(",").length
        - Arrays.stream(expected.split(" ")[1].split(",")).filter("SKIPPED"::equals).count();
    assertThat(r.operations().stream().filter(o -> "MapIteration".equals(o.subType())).count())
        .as("skipped items are never started").isEqualTo(started);
    assertThat(op(r, "batch").status().isTerminal()).isTrue();
  }

  @Test
  void failedItemsCarryTheirErrorAndThrowIfErrorFailsTheExecution() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      BatchResult<String> r = ctx.map("throwing", List.of("fail-0", "ok"), String.class, (item, i, c) -> {
        throw new IllegalStateException("item " + i + " broke");
      }, BatchOptions.maxConcurrency(1));
      BatchItem<String> failed = r.items().get(0);
      assertThat(failed.error().errorType()).isEqualTo(IllegalStateException.class.getName());
      assertThat(failed.error().errorMessage()).isEqualTo("item 0 broke");
      r.throwIfError();
      return "unreachable";
    };
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(ChildContextFailedException.class.getName());
    assertThat(r.error().errorMessage()).contains("item 0").contains("item 0 broke");
    assertThat(types(r)).containsExactly("ContextStarted", "ContextStarted", "ContextFailed", "ContextSucceeded",
        "InvocationCompleted", "ExecutionFailed");
  }

  @Test
  void anEmptyMapCompletesAtOnce() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      BatchResult<String> r = ctx.map("nothing", List.<String>of(), String.class, (item, i, c) -> item,
          BatchOptions.defaults());
      return r.completionReason() + " " + r.items().size();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("ALL_COMPLETED 0");
    assertThat(types(r)).containsExactly("ContextStarted", "ContextSucceeded", "InvocationCompleted",
        "ExecutionSucceeded");
  }

  /** A wait in item 1 suspends the whole run; on resume item 0 is not run again (9.15). */
  @Test
  void aWaitInsideOneItemSuspendsTheRunAndFinishedItemsAreNotRerun() {
    ConcurrentHashMap<Integer, AtomicInteger> bodyRuns = new ConcurrentHashMap<>();
    DurableFunction<String, List> fn = (in, ctx) -> ctx.map("mixed", List.of(0, 1), String.class, (item, i, c) -> {
      bodyRuns.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
      if (i == 1) {
        c.wait("item-wait", Duration.ofSeconds(2));
      }
      return c.step("finish", String.class, s -> "r" + i, StepOptions.noRetry());
    }, BatchOptions.maxConcurrency(1)).results();
    DurableTestRunner<String, List> runner = DurableTestRunner.create(fn, String.class, List.class);
    TestResult<List> first = assertRunning(runner.run("x"));
    assertThat(op(first, "mixed").status().isTerminal()).isFalse();
    TestResult<List> r = assertSucceeded(runner.resume());
    assertThat(r.result()).containsExactly("r0", "r1");
    assertThat(bodyRuns.get(0)).hasValue(1);
    assertThat(bodyRuns.get(1)).hasValue(2);
    assertThat(types(r)).containsExactly("ContextStarted", "ContextStarted", "StepStarted", "StepSucceeded",
        "ContextSucceeded", "ContextStarted", "WaitStarted", "InvocationCompleted", "WaitSucceeded", "StepStarted",
        "StepSucceeded", "ContextSucceeded", "ContextSucceeded", "InvocationCompleted", "ExecutionSucceeded");
  }

  /** A completed map, including a failed item, is replayed from its journaled summary (9.17, 9.18). */
  @Test
  void aCompletedMapIsReplayedFromItsSummary() {
    AtomicInteger itemRuns = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> {
      BatchResult<String> r = ctx.map("all", List.of("a", "b"), String.class, (item, i, c) -> {
        itemRuns.incrementAndGet();
        if (i == 1) {
          throw new IllegalStateException("b is bad");
        }
        return item.toUpperCase();
      }, BatchOptions.maxConcurrency(1).withCompletion(CompletionPolicy.allCompleted()));
      ctx.wait("after", Duration.ofSeconds(1));
      return r.completionReason() + " " + r.results() + " " + r.failed().get(0).error().errorMessage()
          + " " + r.hasFailure();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("ALL_COMPLETED [A] b is bad true");
    assertThat(itemRuns).hasValue(2);
    assertThat(r.invocations()).isEqualTo(2);
  }

  @Test
  void maxConcurrencyMustBePositive() {
    assertThatThrownBy(() -> BatchOptions.maxConcurrency(0)).isInstanceOf(IllegalDurableOperationException.class)
        .hasMessageContaining("maxConcurrency").hasMessageContaining("0");
    DurableFunction<String, String> fn = (in, ctx) -> ctx.map("bad", List.of(1), Integer.class, (item, i, c) -> item,
        new BatchOptions(0, null, null)).toString();
    TestResult<String> r = assertFailed(DurableTestRunner.create(fn, String.class, String.class).runUntilComplete("x"));
    assertThat(r.error().errorType()).isEqualTo(IllegalDurableOperationException.class.getName());
    assertThat(r.operations()).extracting(Operation::type).containsOnly(OperationType.EXECUTION);
    assertThat(types(r)).containsExactly("InvocationCompleted", "ExecutionFailed");
  }
}
