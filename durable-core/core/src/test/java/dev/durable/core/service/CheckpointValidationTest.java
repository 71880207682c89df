package dev.durable.core.service;

import static dev.durable.core.service.Updates.callbackStart;
import static dev.durable.core.service.Updates.child;
import static dev.durable.core.service.Updates.contextStart;
import static dev.durable.core.service.Updates.contextSucceed;
import static dev.durable.core.service.Updates.error;
import static dev.durable.core.service.Updates.executionSucceed;
import static dev.durable.core.service.Updates.invokeCancel;
import static dev.durable.core.service.Updates.invokeStart;
import static dev.durable.core.service.Updates.named;
import static dev.durable.core.service.Updates.of;
import static dev.durable.core.service.Updates.stepFail;
import static dev.durable.core.service.Updates.stepRetry;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static dev.durable.core.service.Updates.waitCancel;
import static dev.durable.core.service.Updates.waitStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.model.OperationUpdate.Options;
import org.junit.jupiter.api.Test;

/** Each rule of reference §2.4: one refused batch with the exact message, one accepted batch. */
class CheckpointValidationTest {
  private final ServiceHarness h = new ServiceHarness();
  private final ServiceHarness.Invocation inv = h.startAndBegin();

  private void rejected(String message, OperationUpdate... updates) {
    assertThatThrownBy(() -> inv.checkpoint(updates))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.code()).isEqualTo(ServiceException.INVALID_PARAMETER);
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessage(message);
  }

  private void rejectedStartingWith(String prefix, OperationUpdate... updates) {
    assertThatThrownBy(() -> inv.checkpoint(updates)).isInstanceOf(ServiceException.class)
        .hasMessageStartingWith(prefix);
  }

  private void accepted(OperationUpdate... updates) {
    assertThat(inv.checkpoint(updates).checkpointToken()).isNotNull();
  }

  private static final String BAD_ACTION = "Invalid action for the given operation type.";

  @Test
  void actionsMustBeValidForTheType() {
    rejected(BAD_ACTION, of("w", OperationType.WAIT, "Wait", OperationAction.RETRY, null, null,
        Options.retryAfter(1)));
    rejected(BAD_ACTION, of("c", OperationType.CALLBACK, "Callback", OperationAction.CANCEL,
        null, null, null));
    rejected(BAD_ACTION, of("x", OperationType.CONTEXT, "Map", OperationAction.RETRY, null, null,
        Options.retryAfter(1)));
    rejected(BAD_ACTION, of("s", OperationType.STEP, "Step", OperationAction.CANCEL, null, null,
        null));
    rejected(BAD_ACTION, of("i", OperationType.CHAINED_INVOKE, "ChainedInvoke",
        OperationAction.SUCCEED, "1", null, null));
    rejected(BAD_ACTION, of("exec1", OperationType.EXECUTION, null, OperationAction.START, null,
        null, null));
    accepted(waitStart("w", 1), callbackStart("c", 0, 0), contextStart("x"), stepStart("s"),
        invokeStart("i", "target", "1"));
  }

  @Test
  void atMostOneExecutionUpdateAndItMustBeLast() {
    rejected("Cannot checkpoint multiple EXECUTION updates.",
        executionSucceed("exec1", "1"), executionSucceed("exec1", "2"));
    rejected("EXECUTION checkpoint must be the last update.",
        executionSucceed("exec1", "1"), stepStart("s"));
    assertThat(inv.checkpoint(stepStart("s"), stepSucceed("s", "1"),
        executionSucceed("exec1", "big")).checkpointToken()).isNull();
  }

  @Test
  void anIdRepeatsOnlyAsStartThenCompletionOfAStepOrContext() {
    String message = "Cannot checkpoint multiple operations with the same ID.";
    rejected(message, waitStart("w", 1), waitCancel("w"));
    rejected(message, stepStart("s"), stepStart("s"));
    rejected(message, stepStart("s"), stepSucceed("s", "1"), stepFail("s", error("x")));
    rejected(message, stepSucceed("s", "1"), stepSucceed("s", "1"));
    accepted(stepStart("s"), stepSucceed("s", "1"), contextStart("c"), contextSucceed("c", "2"));
  }

  @Test
  void parentMustBeAnExistingContextOrOneStartedEarlierInTheBatch() {
    String message = "Invalid parent operation id.";
    rejected(message, child(stepStart("s"), "nope"));
    rejected(message, stepStart("p"), child(stepStart("s"), "p"));
    rejected(message, child(stepStart("s"), "c"), contextStart("c"));
    accepted(contextStart("c"), child(stepStart("s"), "c"));
    accepted(child(waitStart("w", 1), "c"));
  }

  @Test
  void updatesMustNotChangeTypeSubTypeNameOrParent() {
    accepted(named(stepStart("s"), "charge"), contextStart("c"));
    rejectedStartingWith("Inconsistent operation Type for operation 's'",
        of("s", OperationType.WAIT, "Step", OperationAction.CANCEL, null, null, null));
    rejectedStartingWith("Inconsistent operation Name for operation 's'",
        named(stepSucceed("s", "1"), "refund"));
    rejectedStartingWith("Inconsistent operation SubType for operation 's'",
        of("s", OperationType.STEP, "WaitForCondition", OperationAction.SUCCEED, "1", null,
            null));
    rejectedStartingWith("Inconsistent operation ParentId for operation 's'",
        child(named(stepSucceed("s", "1"), "charge"), "c"));
    accepted(stepSucceed("s", "1")); // members left out mean "as before"
  }

  @Test
  void stepStartsOnlyWhenNewOrReady() {
    accepted(stepStart("s"));
    rejected("Invalid current STEP state to start.", stepStart("s"));
    accepted(stepRetry("s", error("e"), 1));
    rejected("Invalid current STEP state to start.", stepStart("s")); // PENDING
    h.clock.advanceSeconds(1);
    inv.checkpoint(); // the poll fires the due retry: READY
    assertThat(h.op(inv.arn, "s").status()).isEqualTo(OperationStatus.READY);
    accepted(stepStart("s"));
  }

  @Test
  void stepClosesOnlyFromStartedOrReady() {
    accepted(stepSucceed("s", "1"));
    rejected("Invalid current STEP state to close.", stepSucceed("s", "2"));
    accepted(stepStart("t"), stepRetry("t", error("e"), 1));
    rejected("Invalid current STEP state to close.", stepFail("t", error("e")));
    h.clock.advanceSeconds(1);
    inv.checkpoint();
    accepted(stepFail("t", error("gave up"))); // READY: at-least-once step closing directly
  }

  @Test
  void stepRetryNeedsStartedOrReadyAndOptionsAndNotBothErrorAndPayload() {
    accepted(stepStart("s"), stepRetry("s", error("e"), 5));
    rejected("Invalid current STEP state to re-attempt.", stepRetry("s", error("e"), 5));
    accepted(stepStart("t"));
    rejected("Invalid StepOptions for the given action.",
        of("t", OperationType.STEP, "Step", OperationAction.RETRY, null, error("e"), null));
    rejected("Cannot provide both error and payload to RETRY a STEP.",
        of("t", OperationType.STEP, "Step", OperationAction.RETRY, "1", error("e"),
            Options.retryAfter(1)));
    accepted(of("t", OperationType.STEP, "Step", OperationAction.RETRY, "1", null,
        Options.retryAfter(1)));
  }

  @Test
  void failCarriesNoPayloadAndSucceedNoError() {
    rejected("Cannot provide a Payload for FAIL action.",
        of("s", OperationType.STEP, "Step", OperationAction.FAIL, "1", error("e"), null));
    rejected("Cannot provide an Error for SUCCEED action.",
        of("s", OperationType.STEP, "Step", OperationAction.SUCCEED, "1", error("e"), null));
    rejected("Cannot provide an Error for SUCCEED action.",
        of("exec1", OperationType.EXECUTION, null, OperationAction.SUCCEED, "1", error("e"),
            null));
    accepted(stepFail("s", error("e")), stepSucceed("t", "1"));
  }

  @Test
  void nonStepOperationsStartOnlyOnce() {
    accepted(contextStart("c"), waitStart("w", 10), callbackStart("cb", 0, 0),
        invokeStart("i", "target", "1"));
    rejected("Cannot start a CONTEXT that already exists.", contextStart("c"));
    rejected("Cannot start a WAIT that already exists.", waitStart("w", 10));
    rejected("Cannot start a CALLBACK that already exists.", callbackStart("cb", 0, 0));
    rejected("Cannot start a CHAINED_INVOKE that already exists.",
        invokeStart("i", "target", "1"));
  }

  @Test
  void contextClosesOnlyFromStarted() {
    accepted(contextStart("c"), contextSucceed("c", "1"));
    rejected("Invalid current CONTEXT state to close.", contextSucceed("c", "2"));
    accepted(contextStart("d"));
    accepted(contextSucceed("d", "1"));
  }

  @Test
  void waitAndInvokeCancelOnlyFromStarted() {
    rejected("Cannot cancel a WAIT that does not exist or has already completed.",
        waitCancel("w"));
    rejected("Cannot cancel a CHAINED_INVOKE that does not exist or has already completed.",
        invokeCancel("i"));
    accepted(waitStart("w", 10), invokeStart("i", "target", "1"));
    accepted(waitCancel("w"), invokeCancel("i"));
    rejected("Cannot cancel a WAIT that does not exist or has already completed.",
        waitCancel("w"));
  }

  @Test
  void requiredOptionsArePresent() {
    rejected("Invalid WaitOptions for the given action.",
        of("w", OperationType.WAIT, "Wait", OperationAction.START, null, null, null));
    rejectedStartingWith("ChainedInvokeOptions.FunctionName is required",
        of("i", OperationType.CHAINED_INVOKE, "ChainedInvoke", OperationAction.START, "1", null,
            null));
    accepted(waitStart("w", 1), invokeStart("i", "fn", null));
  }

  @Test
  void durationsAreOneSecondToOneYear() {
    rejectedStartingWith("WaitOptions.WaitSeconds must be between 1 and 31622400",
        waitStart("w", 0));
    rejectedStartingWith("WaitOptions.WaitSeconds must be between 1 and 31622400",
        waitStart("w", 31_622_401));
    rejectedStartingWith("StepOptions.NextAttemptDelaySeconds must be between 1 and 31622400",
        stepStart("s"), stepRetry("s", error("e"), 0));
    accepted(waitStart("w", 31_622_400), stepStart("s"), stepRetry("s", error("e"), 1));
  }

  @Test
  void callbackTimeoutsAreNotNegative() {
    rejectedStartingWith("CallbackOptions.TimeoutSeconds must not be negative",
        callbackStart("cb", -1, 0));
    rejectedStartingWith("CallbackOptions.HeartbeatTimeoutSeconds must not be negative",
        callbackStart("cb", 0, -5));
    accepted(callbackStart("cb", 0, 0));
  }

  @Test
  void idsNamesAndSubTypesFollowTheModel() {
    rejectedStartingWith("Invalid operation Id '' in update 1", stepStart(""));
    rejectedStartingWith("Invalid operation Id", stepStart("a".repeat(65)));
    rejectedStartingWith("Invalid operation Id", stepStart("has space"));
    rejectedStartingWith("Invalid Name in update 1", named(stepStart("s"), "x".repeat(257)));
    rejectedStartingWith("Invalid Name in update 1", named(stepStart("s"), "caf\u00e9"));
    rejectedStartingWith("Invalid SubType 'a.b'",
        of("s", OperationType.STEP, "a.b", OperationAction.START, null, null, null));
    rejectedStartingWith("Invalid SubType",
        of("s", OperationType.STEP, "x".repeat(33), OperationAction.START, null, null, null));
    rejectedStartingWith("Invalid ParentId", child(stepStart("s"), "bad/parent"));
    accepted(named(stepStart("a".repeat(64)), "~ printable name ~".repeat(15).substring(0, 256)),
        of("t", OperationType.STEP, "x".repeat(32), OperationAction.START, null, null, null));
  }
}
