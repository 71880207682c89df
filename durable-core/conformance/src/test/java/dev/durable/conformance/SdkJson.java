package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.Event;

/**
 * Turns AWS SDK model objects back into their wire JSON, member names as the service spells them
 * (from each field's marshalling location name), so a history read through {@code LambdaClient}
 * is checked in the same shape as the requirement cases state it.
 */
final class SdkJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SdkJson() {}

  /** One history event, with its {@code <EventType>Details} member as the details. */
  static ObservedEvent event(Event e) {
    JsonNode all = tree(e);
    JsonNode details = all.get(e.eventTypeAsString() + "Details");
    return new ObservedEvent(e.eventId(), e.eventTypeAsString(), e.subType(), e.id(), e.parentId(),
        e.name(), details == null ? F.objectNode() : details);
  }

  static JsonNode tree(Object value) {
    if (value == null) {
      return F.nullNode();
    }
    if (value instanceof SdkPojo pojo) {
      ObjectNode o = F.objectNode();
      for (SdkField<?> field : pojo.sdkFields()) {
        Object member = field.getValueOrDefault(pojo);
        if (member != null) {
          o.set(field.locationName(), tree(member));
        }
      }
      return o;
    }
    if (value instanceof List<?> list) {
      ArrayNode a = F.arrayNode();
      list.forEach(v -> a.add(tree(v)));
      return a;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = F.objectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), tree(v)));
      return o;
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long) {
      return F.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return F.numberNode(new BigDecimal(n.toString()));
    }
    if (value instanceof SdkBytes bytes) {
      return F.textNode(bytes.asUtf8String());
    }
    if (value instanceof Instant t) {
      return F.textNode(t.toString());
    }
    return F.textNode(value.toString());
  }
}
