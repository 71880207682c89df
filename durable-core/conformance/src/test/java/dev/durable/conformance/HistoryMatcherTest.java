package dev.durable.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The matcher itself: it must reject what a wrong implementation would record. */
class HistoryMatcherTest {

  private static ConformanceCase.ExpectedEvent exp(int id, String type, String... kv) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      fields.put(kv[i], kv[i + 1]);
    }
    return new ConformanceCase.ExpectedEvent(id, type, fields);
  }

  private static ObservedEvent obs(int id, String type, String sub, String opId, String parent,
      String name, String details) {
    JsonNode d = details == null ? WireEvents.tree("{}") : WireEvents.tree(details);
    return new ObservedEvent(id, type, sub, opId, parent, name, d);
  }

  private static final ObservedEvent START = obs(1, "ExecutionStarted", null, "x", null, "x", null);

  private final List<ConformanceCase.ExpectedEvent> twoSteps = List.of(
      exp(2, "StepStarted", "sub", "\"Step\"", "id", "A"),
      exp(3, "StepSucceeded", "sub", "\"Step\"", "id", "A", "Result.Payload", "\"\\\"${V}\\\"\""),
      exp(4, "StepStarted", "sub", "\"Step\"", "id", "B"),
      exp(5, "InvocationCompleted"));

  private List<String> match(ObservedEvent... events) {
    List<ObservedEvent> all = new ArrayList<>(List.of(START));
    all.addAll(List.of(events));
    return new HistoryMatcher(Map.of("V", "abc")).match(twoSteps, all, false);
  }

  @Test
  void aConformingHistoryMatches() {
    assertThat(match(
        obs(2, "StepStarted", "Step", "id1", null, "s", null),
        obs(3, "StepSucceeded", "Step", "id1", null, "s", "{\"Result\":{\"Payload\":\"\\\"abc\\\"\"}}"),
        obs(4, "StepStarted", "Step", "id2", null, "t", null),
        obs(5, "InvocationCompleted", null, null, null, null, null),
        obs(6, "ExecutionSucceeded", null, "x", null, "x", null))).isEmpty();
  }

  @Test
  void onePlaceholderCannotBindTwoIdsNorTwoPlaceholdersOneId() {
    assertThat(match(
        obs(2, "StepStarted", "Step", "id1", null, "s", null),
        obs(3, "StepSucceeded", "Step", "other", null, "s", "{\"Result\":{\"Payload\":\"\\\"abc\\\"\"}}"),
        obs(4, "StepStarted", "Step", "id1", null, "t", null),
        obs(5, "InvocationCompleted", null, null, null, null, null)))
        .anySatisfy(p -> assertThat(p).contains("${A} is id1 elsewhere"))
        .anySatisfy(p -> assertThat(p).contains("both bind"));
  }

  @Test
  void wrongOrderTypesPayloadsParentsAndExtraEventsAreReported() {
    assertThat(match(
        obs(2, "StepStarted", "Step", "id1", null, "s", null),
        obs(3, "StepSucceeded", "Step", "id1", "ctx", "s", "{\"Result\":{\"Payload\":\"\\\"abd\\\"\"}}"),
        obs(4, "WaitStarted", "Wait", "id2", null, "t", null),
        obs(5, "InvocationCompleted", null, null, null, null, null),
        obs(6, "StepStarted", "Step", "id3", null, "u", null)))
        .anySatisfy(p -> assertThat(p).contains("expected no ParentId"))
        .anySatisfy(p -> assertThat(p).contains("Result.Payload: expected"))
        .anySatisfy(p -> assertThat(p).contains("event 4 (StepStarted): got"))
        .anySatisfy(p -> assertThat(p).contains("event 6: unexpected"));
  }

  @Test
  void aMissingEventIsReported() {
    assertThat(match(obs(2, "StepStarted", "Step", "id1", null, "s", null)))
        .anySatisfy(p -> assertThat(p).contains("event 3: expected StepSucceeded"));
  }

  /** The harness end to end: a handler that names its step differently than the case fails it. */
  @Test
  void aHandlerThatDeviatesFromTheCaseFailsIt() {
    ConformanceCase named = CaseFile.load("step").stream().filter(c -> c.number().equals("1.2"))
        .findFirst().orElseThrow();
    assertThat(ConformanceTest.run(named)).isEmpty();
    CaseHandler wrong = CaseHandler.of((in, ctx) -> ctx.step("another_name", String.class,
        s -> "Hello, " + in.asText() + "!"));
    Backend.Outcome out = new InProcessBackend().run(wrong,
        new Backend.Start("\"World\"", List.of(), true, true));
    assertThat(new HistoryMatcher(Map.of()).match(named.events(), out.history(), false))
        .anySatisfy(p -> assertThat(p).contains("Name 'custom_step_name'"));
  }
}
