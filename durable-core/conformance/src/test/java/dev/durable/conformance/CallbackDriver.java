package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.serde.JacksonSerDes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plays the external system of a case: performs its callback actions in order, each
 * {@code Delay} seconds after its callback became visible in the history (or after the previous
 * action, if that was later). A {@code *} name means the oldest callback still open.
 */
final class CallbackDriver {
  private static final Set<String> CLOSING = Set.of("CallbackSucceeded", "CallbackFailed",
      "CallbackTimedOut");

  /** The service calls an action needs; each backend supplies its own. */
  interface Sender {
    void succeed(String callbackId, String payload);

    void fail(String callbackId, ErrorObject error);

    void heartbeat(String callbackId);
  }

  private final List<ConformanceCase.CallbackAction> actions;
  private final String[] targets;
  private final Instant[] dueAt;
  private final boolean[] done;
  private final List<String> failures = new ArrayList<>();

  CallbackDriver(List<ConformanceCase.CallbackAction> actions) {
    this.actions = actions;
    this.targets = new String[actions.size()];
    this.dueAt = new Instant[actions.size()];
    this.done = new boolean[actions.size()];
  }

  /** Errors the service answered actions with (e.g. a callback that had already timed out). */
  List<String> failures() {
    return failures;
  }

  /**
   * The action due first, once its callback exists; null when none is ready. Each action is due
   * {@code Delay} seconds after its callback appeared; a success or failure claims its callback,
   * so a later {@code *} action waits for the next callback.
   */
  Pending next(List<ObservedEvent> history, Instant now) {
    for (int i = 0; i < actions.size(); i++) {
      if (done[i] || targets[i] != null) {
        continue;
      }
      String id = find(history, actions.get(i).callbackName(), claimed());
      if (id != null) {
        targets[i] = id;
        dueAt[i] = now.plusSeconds(actions.get(i).delaySeconds());
      }
    }
    int first = -1;
    for (int i = 0; i < actions.size(); i++) {
      if (!done[i] && targets[i] != null && (first < 0 || dueAt[i].isBefore(dueAt[first]))) {
        first = i;
      }
    }
    return first < 0 ? null : new Pending(first);
  }

  private Set<String> claimed() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < actions.size(); i++) {
      if (targets[i] != null && !"heartbeat".equals(actions.get(i).operation())) {
        ids.add(targets[i]);
      }
    }
    return ids;
  }

  /** An armed action. */
  final class Pending {
    private final int index;

    Pending(int index) {
      this.index = index;
    }

    Instant at() {
      return dueAt[index];
    }

    /** Sends the action; the service's refusal is kept, not thrown (the real harness sees it too). */
    void perform(Sender sender) {
      ConformanceCase.CallbackAction action = actions.get(index);
      String callbackId = targets[index];
      try {
        switch (action.operation()) {
          case "success" -> sender.succeed(callbackId, action.payload());
          case "failure" -> sender.fail(callbackId, error(action.payload()));
          case "heartbeat" -> sender.heartbeat(callbackId);
          default -> throw new IllegalStateException("unknown callback action " + action.operation());
        }
      } catch (RuntimeException e) {
        failures.add(action.operation() + " " + action.callbackName() + ": " + e.getMessage());
      }
      done[index] = true;
    }
  }

  private static ErrorObject error(String json) {
    if (json == null) {
      return ErrorObject.of("Error", "callback failed");
    }
    JsonNode n = WireEvents.tree(json);
    return JacksonSerDes.defaultMapper().convertValue(n, ErrorObject.class);
  }

  /** The callback id of the matching open callback, oldest first. */
  private static String find(List<ObservedEvent> history, String name, Set<String> claimed) {
    for (ObservedEvent started : history) {
      if (!"CallbackStarted".equals(started.type())) {
        continue;
      }
      if (!"*".equals(name) && !name.equals(started.name())) {
        continue;
      }
      boolean closed = history.stream()
          .anyMatch(e -> CLOSING.contains(e.type()) && started.id().equals(e.id()));
      if (!closed && !claimed.contains(started.details().path("CallbackId").asText())) {
        return started.details().path("CallbackId").asText(null);
      }
    }
    return null;
  }
}
