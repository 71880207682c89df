package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService.CheckpointResult;
import dev.durable.core.service.DurableService.StatePage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpoint tokens rotate and stale ones are refused as retryable (reference §2.5, §2.11). */
class CheckpointTokenTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void tokenIsBase64OfExecutionIdAndSequenceAndRotatesOnEveryCheckpoint() {
    var inv = h.startAndBegin();
    String decoded = new String(Base64.getDecoder().decode(inv.firstToken),
        StandardCharsets.UTF_8);
    assertThat(decoded).startsWith("exec1:");

    String first = inv.token;
    CheckpointResult poll = inv.checkpoint();
    assertThat(poll.checkpointToken()).isNotEqualTo(first);
    assertThat(poll.operations()).isEmpty();
    String second = inv.token;
    inv.checkpoint(stepStart("s"));
    assertThat(inv.token).isNotIn(first, second);
  }

  @Test
  void aConsumedTokenIsRefusedAsRetryable() {
    var inv = h.startAndBegin();
    String used = inv.token;
    inv.checkpoint(stepStart("s"));

    assertThatThrownBy(() -> h.service.checkpoint(inv.arn, used, List.of()))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageStartingWith("Invalid checkpoint token")
        .hasMessageContaining("already used");
  }

  @Test
  void tokensOfAnEarlierInvocationAreRefused() {
    var inv = h.startAndBegin();
    inv.checkpoint(waitStart("w", 5));
    inv.end(InvocationOutput.pending());
    assertThatThrownBy(() -> inv.checkpoint())
        .hasMessageStartingWith("Invalid checkpoint token: no invocation");

    h.clock.advanceSeconds(5);
    h.service.fireDueTimers();
    var next = h.begin(inv.arn);
    assertThatThrownBy(() -> h.service.checkpoint(inv.arn, inv.token, List.of()))
        .hasMessageStartingWith("Invalid checkpoint token: it belongs to an earlier invocation");
    assertThat(next.checkpoint().checkpointToken()).isNotNull();
  }

  @Test
  void malformedAndForeignTokensAreRefused() {
    var inv = h.startAndBegin();
    var other = h.startAndBegin();
    assertThatThrownBy(() -> h.service.checkpoint(inv.arn, "not-base64!", List.of()))
        .hasMessageStartingWith("Invalid checkpoint token: it is malformed");
    assertThatThrownBy(() -> h.service.checkpoint(inv.arn, other.token, List.of()))
        .hasMessageStartingWith("Invalid checkpoint token: it is malformed or belongs to another");
    assertThatThrownBy(() -> h.service.checkpoint(inv.arn, null, List.of()))
        .hasMessageStartingWith("Invalid checkpoint token");
  }

  @Test
  void aNewInvocationSupersedesTheActiveOne() {
    var inv = h.startAndBegin();
    var again = h.begin(inv.arn);

    assertThatThrownBy(() -> inv.checkpoint()).hasMessageStartingWith("Invalid checkpoint token");
    assertThatThrownBy(() -> h.service.endInvocation(inv.arn, inv.firstToken,
        InvocationOutput.pending())).hasMessageStartingWith("Invalid checkpoint token");
    again.checkpoint(stepStart("s"), stepSucceed("s", "1"));
    HistoryEvent superseded = h.service.history(inv.arn).get(1);
    assertThat(superseded.eventType()).isEqualTo("InvocationCompleted");
    assertThat(superseded.error().errorType()).isEqualTo("Invocation.Superseded");
  }

  @Test
  void endInvocationTakesAnyTokenOfTheInvocation() {
    var inv = h.startAndBegin();
    inv.checkpoint(stepStart("s"));
    h.service.endInvocation(inv.arn, inv.token, InvocationOutput.succeeded("1"));
    assertThat(h.service.describe(inv.arn).status().name()).isEqualTo("SUCCEEDED");
  }

  @Test
  void responsesCarryThisBatchAndServiceCompletedOperations() {
    var inv = h.startAndBegin();
    CheckpointResult r = inv.checkpoint(callbackStart("cb", 0, 0), waitStart("w", 3));
    assertThat(r.operations()).extracting(Operation::id).containsExactly("cb", "w");
    String callbackId = r.operations().get(0).callbackDetails().callbackId();
    assertThat(callbackId).matches("[A-Za-z0-9+/]+={0,2}").hasSizeLessThanOrEqualTo(1024);

    h.clock.advanceSeconds(3);
    h.service.completeCallback(callbackId, "\"yes\"");
    CheckpointResult poll = inv.checkpoint();
    // in change order: the wait was due before the callback call arrived, so it fired first
    assertThat(poll.operations()).extracting(Operation::id, Operation::status).containsExactly(
        tuple("w", OperationStatus.SUCCEEDED), tuple("cb", OperationStatus.SUCCEEDED));
    assertThat(inv.checkpoint().operations()).isEmpty();
  }

  @Test
  void invocationInputListsOperationsAndWhatChangedSinceTheHandlerLooked() {
    var inv = h.startAndBegin();
    assertThat(inv.input.operations()).extracting(Operation::type)
        .containsExactly(OperationType.EXECUTION);
    assertThat(inv.input.operations().get(0).executionDetails().inputPayload())
        .isEqualTo("\"in\"");
    assertThat(inv.input.operations().get(0).id()).isEqualTo("exec1");
    assertThat(inv.arn).endsWith("/exec1");
    assertThat(inv.input.updatedOperationIds()).isEmpty();

    inv.checkpoint(stepStart("s"), stepSucceed("s", "1"), waitStart("w", 1));
    inv.end(InvocationOutput.pending());
    h.clock.advanceSeconds(1);
    h.service.fireDueTimers();
    var next = h.begin(inv.arn);
    assertThat(next.input.operations()).extracting(Operation::id)
        .containsExactly("exec1", "s", "w");
    assertThat(next.input.updatedOperationIds()).containsExactly("w");
  }

  @Test
  void largeStatesArePagedWithMarkers() {
    ServiceHarness small = new ServiceHarness(2);
    var inv = small.startAndBegin();
    CheckpointResult r = inv.checkpoint(stepStart("a"), stepStart("b"), stepStart("c"));
    assertThat(r.operations()).extracting(Operation::id).containsExactly("a", "b");
    assertThat(r.nextMarker()).isNotNull();
    StatePage rest = small.service.getState(inv.arn, inv.token, r.nextMarker(), 0);
    assertThat(rest.operations()).extracting(Operation::id).containsExactly("c");
    assertThat(rest.nextMarker()).isNull();

    List<String> all = new ArrayList<>();
    String marker = null;
    do {
      StatePage page = small.service.getState(inv.arn, inv.token, marker, 1000);
      page.operations().forEach(o -> all.add(o.id()));
      marker = page.nextMarker();
    } while (marker != null);
    assertThat(all).containsExactly("exec1", "a", "b", "c");

    inv.end(InvocationOutput.pending());
    assertThatThrownBy(() -> small.service.getState(inv.arn, inv.token, null, 0))
        .hasMessageStartingWith("Invalid checkpoint token");
  }

  @Test
  void firstInvocationPageEndsWithAMarkerWhenTheJournalIsLarge() {
    ServiceHarness small = new ServiceHarness(2);
    var inv = small.startAndBegin();
    List<OperationUpdate> steps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      steps.add(stepStart("s" + i));
    }
    small.service.checkpoint(inv.arn, inv.token, steps);
    small.service.invocationCrashed(inv.arn, ErrorObject.of("Runtime.ExitError", "boom"));

    var next = small.begin(inv.arn);
    assertThat(next.input.operations()).extracting(Operation::id).containsExactly("exec1", "s0");
    StatePage page = small.service.getState(inv.arn, next.token, next.input.nextMarker(), 0);
    assertThat(page.operations()).extracting(Operation::id).containsExactly("s1", "s2");
    assertThatThrownBy(() -> small.service.getState(inv.arn, next.token, "bogus", 0))
        .hasMessage("Invalid marker: bogus");
  }
}
