package dev.durable.testing;

import static dev.durable.testing.Histories.assertRunning;
import static dev.durable.testing.Histories.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.BatchOptions;
import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-operation and per-function serializers are used for the journal and on replay (§1.5; 3.14, 4.15, 8.15). */
@Timeout(10)
class CustomSerDesTest {
  record Reading(String sensor, double value) {}

  /** A real, non-identity serializer: JSON inside a "wrapped:" envelope. */
  static final class Wrapping implements SerDes {
    private final SerDes json = JacksonSerDes.create();

    @Override
    public String serialize(Object value) {
      return "wrapped:" + json.serialize(value);
    }

    @Override
    public <T> T deserialize(String data, TypeToken<T> type) {
      if (data == null) {
        return null;
      }
      if (!data.startsWith("wrapped:")) {
        throw new IllegalArgumentException("not wrapped: " + data);
      }
      return json.deserialize(data.substring("wrapped:".length()), type);
    }
  }

  @Test
  void aStepSerDesShapesTheJournalAndReadsItBack() {
    List<Reading> seen = new CopyOnWriteArrayList<>();
    DurableFunction<String, String> fn = (in, ctx) -> {
      Reading r = ctx.step("read", Reading.class, s -> new Reading("t1", 21.5),
          StepOptions.defaults().withSerDes(new Wrapping()));
      seen.add(r);
      ctx.wait("pause", Duration.ofSeconds(1));
      return r.sensor() + "=" + r.value();
    };
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("x"));
    assertThat(r.result()).isEqualTo("t1=21.5");
    assertThat(seen).containsExactly(new Reading("t1", 21.5), new Reading("t1", 21.5));
    assertThat(r.operation("read").resultJson()).startsWith("wrapped:{");
    assertThat(Histories.first(r, "StepSucceeded").payload()).startsWith("wrapped:");
  }

  /** A SerDes that transforms on write: the live value is what the journal holds (conformance 1.6). */
  @Test
  void aStepWithItsOwnSerDesReturnsTheJournaledValueOnTheFirstRunToo() {
    SerDes upper = new SerDes() {
      private final SerDes json = JacksonSerDes.create();

      @Override
      public String serialize(Object value) {
        return json.serialize(value instanceof String s ? s.toUpperCase() : value);
      }

      @Override
      public <T> T deserialize(String data, TypeToken<T> type) {
        return json.deserialize(data, type);
      }
    };
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("shout", String.class, s -> in,
        StepOptions.defaults().withSerDes(upper));
    TestResult<String> r = assertSucceeded(DurableTestRunner.create(fn, String.class, String.class)
        .runUntilComplete("hello world"));
    assertThat(r.invocations()).isEqualTo(1);
    assertThat(r.result()).isEqualTo("HELLO WORLD");
  }

  /** A child's own SerDes journals its result; the value returned is the one read back (3.14). */
  @Test
  void aChildContextSerDesShapesItsJournaledResult() {
    DurableFunction<String, Reading> fn = (in, ctx) -> ctx.runInChildContext("child",
        TypeToken.of(Reading.class), c -> c.step("read", Reading.class, s -> new Reading(in, 1.5)),
        new Wrapping());
    TestResult<Reading> r = assertSucceeded(DurableTestRunner.create(fn, String.class, Reading.class)
        .runUntilComplete("t2"));
    assertThat(r.result()).isEqualTo(new Reading("t2", 1.5));
    assertThat(Histories.first(r, "ContextSucceeded").payload()).startsWith("wrapped:{");
  }

  /** Item and result SerDes of a batch apply to the items' and the batch's journal entries (9.14, 9.19). */
  @Test
  void batchItemAndResultSerDesShapeTheirJournalEntries() {
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    DurableFunction<String, List<String>> fn = (in, ctx) -> {
      List<String> results = ctx.map("upper", List.of("a", "b"), String.class,
          (item, i, c) -> item.toUpperCase(),
          BatchOptions.maxConcurrency(1).withItemSerDes(new Wrapping()).withResultSerDes(new Wrapping()))
          .results();
      seen.add(results);
      ctx.wait("pause", Duration.ofSeconds(1));
      return results;
    };
    TestResult<List<String>> r = assertSucceeded(DurableTestRunner.create(fn,
        new TypeToken<String>() { }, new TypeToken<List<String>>() { }).runUntilComplete("x"));
    assertThat(r.result()).containsExactly("A", "B");
    assertThat(seen).containsExactly(List.of("A", "B"), List.of("A", "B"));
    assertThat(Histories.events(r, "ContextSucceeded")).extracting(HistoryEvent::payload)
        .allSatisfy(p -> assertThat(p).startsWith("wrapped:"));
  }

  @Test
  void aCallbackSerDesDecodesTheRawPayloadSentByTheExternalSystem() {
    SerDes prefixed = new SerDes() {
      @Override
      public String serialize(Object value) {
        return "custom:" + value;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T deserialize(String data, TypeToken<T> type) {
        String[] parts = data.substring("custom:".length()).split("@");
        return (T) new Reading(parts[0], Double.parseDouble(parts[1]));
      }
    };
    DurableFunction<String, Reading> fn = (in, ctx) -> ctx.createCallback("reading", Reading.class,
        CallbackOptions.defaults().withSerDes(prefixed)).get();
    DurableTestRunner<String, Reading> runner = DurableTestRunner.create(fn, String.class, Reading.class);
    assertRunning(runner.run("x"));
    runner.service().completeCallback(runner.callbackId("reading"), "custom:t2@7.25");
    TestResult<Reading> r = assertSucceeded(runner.resume());
    assertThat(r.result()).isEqualTo(new Reading("t2", 7.25));
  }

  @Test
  void theFunctionDefaultSerDesAppliesToEveryOperationWithoutItsOwn() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String a = ctx.step("a", String.class, s -> in + "-a");
      String b = ctx.runInChildContext("child", String.class, c -> c.step("b", String.class, s -> "b"));
      ctx.wait("pause", Duration.ofSeconds(1));
      return a + b;
    };
    DurableTestRunner<String, String> runner = DurableTestRunner.create(fn, String.class, String.class)
        .withOptions(ExecutorOptions.defaults().withSerDes(new Wrapping()));
    TestResult<String> r = assertSucceeded(runner.runUntilComplete("in"));
    assertThat(r.result()).isEqualTo("in-ab");
    assertThat(r.operation("a").resultJson()).isEqualTo("wrapped:\"in-a\"");
    assertThat(r.operation("child").resultJson()).isEqualTo("wrapped:\"b\"");
    assertThat(Histories.first(r, "ExecutionStarted").payload()).isEqualTo("wrapped:\"in\"");
    assertThat(Histories.first(r, "ExecutionSucceeded").payload()).isEqualTo("wrapped:\"in-ab\"");
  }

  @Test
  void mapItemsUseTheFunctionSerDesAndReplayThroughIt() {
    DurableFunction<String, List> fn = (in, ctx) -> {
      List<String> out = ctx.map("upper", List.of("x", "y"), String.class, (item, i, c) -> item.toUpperCase(),
          dev.durable.core.BatchOptions.maxConcurrency(1)).results();
      ctx.wait("pause", Duration.ofSeconds(1));
      return out;
    };
    TestResult<List> r = assertSucceeded(DurableTestRunner.create(fn, String.class, List.class)
        .withOptions(ExecutorOptions.defaults().withSerDes(new Wrapping())).runUntilComplete("x"));
    assertThat(r.result()).containsExactly("X", "Y");
    assertThat(r.operations()).filteredOn(o -> "MapIteration".equals(o.subType()))
        .extracting(o -> o.contextDetails().result()).containsExactly("wrapped:\"X\"", "wrapped:\"Y\"");
  }
}
