package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.serde.JacksonSerDes;
import java.time.Instant;
import java.util.ArrayList;
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
  private final List<String> failures = new ArrayList<>();
  private int next;
  private Instant lastActionAt = Instant.MIN;
  private String armedId;
  private Instant armedAt;

  CallbackDriver(List<ConformanceCase.CallbackAction> actions) {
    this.actions = actions;
  }

  /** Errors the service answered actions with (e.g. a callback that had already timed out). */
  List<String> failures() {
    return failures;
  }

  /** The next action, once its callback exists; null when none is ready (or none is left). */
  Pending next(List<ObservedEvent> history, Instant now) {
    if (next >= actions.size()) {
      return null;
    }
    ConformanceCase.CallbackAction action = actions.get(next);
    if (armedId == null) {
      armedId = find(history, action.callbackName());
      if (armedId == null) {
        return null;
      }
      Instant from = now.isAfter(lastActionAt) ? now : lastActionAt;
      armedAt = from.plusSeconds(action.delaySeconds());
    }
    return new Pending(armedAt, action, armedId);
  }

  /** An armed action. */
  final class Pending {
    private final Instant at;
    private final ConformanceCase.CallbackAction action;
    private final String callbackId;

    Pending(Instant at, ConformanceCase.CallbackAction action, String callbackId) {
      this.at = at;
      this.action = action;
      this.callbackId = callbackId;
    }

    Instant at() {
      return at;
    }

    /** Sends the action; the service's refusal is kept, not thrown (the real harness sees it too). */
    void perform(Sender sender) {
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
      lastActionAt = at;
      armedId = null;
      next++;
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
  private static String find(List<ObservedEvent> history, String name) {
    for (ObservedEvent started : history) {
      if (!"CallbackStarted".equals(started.type())) {
        continue;
      }
      if (!"*".equals(name) && !name.equals(started.name())) {
        continue;
      }
      boolean closed = history.stream()
          .anyMatch(e -> CLOSING.contains(e.type()) && started.id().equals(e.id()));
      if (!closed) {
        return started.details().path("CallbackId").asText(null);
      }
    }
    return null;
  }
}
