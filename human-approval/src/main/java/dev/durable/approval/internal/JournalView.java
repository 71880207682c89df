package dev.durable.approval.internal;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval as the journal shows it: the round's request record and its callback operation.
 *
 * @param request the journaled request record
 * @param callback the CALLBACK operation
 * @param runStatus the run's EXECUTION operation status (e.g. STARTED, SUCCEEDED)
 */
public record JournalView(RequestRecord request, Operation callback, OperationStatus runStatus) {

  /** Finds the approval round whose callback is {@code callbackId}. */
  public static Optional<JournalView> find(List<Operation> ops, String callbackId) {
    Operation cb = ops.stream()
        .filter(o -> o.type() == OperationType.CALLBACK && o.callbackDetails() != null
            && callbackId.equals(o.callbackDetails().callbackId()))
        .findFirst().orElse(null);
    if (cb == null) {
      return Optional.empty();
    }
    return ops.stream()
        .filter(o -> o.type() == OperationType.STEP && RequestRecord.STEP.equals(o.name())
            && Objects.equals(o.parentId(), cb.parentId()) && o.status() == OperationStatus.SUCCEEDED
            && o.stepDetails() != null && o.stepDetails().result() != null)
        .findFirst()
        .flatMap(o -> parse(o.stepDetails().result()))
        .map(r -> new JournalView(r, cb, ops.stream().filter(o -> o.type() == OperationType.EXECUTION)
            .map(Operation::status).findFirst().orElse(null)));
  }

  private static Optional<RequestRecord> parse(String json) {
    try {
      return Optional.of(Canonical.JSON.readValue(json, RequestRecord.class));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The recorded verdict, if someone decided. */
  public Optional<Verdict> verdict() {
    if (callback.status() != OperationStatus.SUCCEEDED || callback.callbackDetails().result() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Canonical.JSON.readValue(callback.callbackDetails().result(), Verdict.class));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  public boolean pending() {
    return !callback.status().isTerminal();
  }
}
