package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of an execution's history as GetDurableExecutionHistory returns it on the wire: the
 * common members plus the event's details object (e.g. the content of {@code StepSucceededDetails}).
 * Both backends reduce their history to this shape, so one matcher serves both.
 */
record ObservedEvent(
    int eventId, String type, String subType, String id, String parentId, String name,
    JsonNode details) {

  @Override
  public String toString() {
    return eventId + " " + type + (subType == null ? "" : "/" + subType)
        + (name == null ? "" : " '" + name + "'") + (id == null ? "" : " id=" + abbrev(id))
        + (parentId == null ? "" : " parent=" + abbrev(parentId))
        + (details == null || details.isEmpty() ? "" : " " + clip(details.toString()));
  }

  private static String clip(String text) {
    return text.length() > 240 ? text.substring(0, 240) + "…" : text;
  }

  private static String abbrev(String id) {
    return id.length() > 10 ? id.substring(0, 10) + "…" : id;
  }
}
