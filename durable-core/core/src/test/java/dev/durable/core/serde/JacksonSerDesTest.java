package dev.durable.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.SerializationException;
import dev.durable.core.TypeToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonSerDesTest {
  record Item(String sku, int qty, Instant at, Duration ttl) {}

  private final SerDes serDes = JacksonSerDes.create();

  @Test
  void roundTripsRecordsAndJavaTime() {
    Item item = new Item("A-1", 2, Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMinutes(5));
    String json = serDes.serialize(item);
    assertThat(json).contains("\"2026-01-02T03:04:05Z\"");
    assertThat(serDes.deserialize(json, TypeToken.of(Item.class))).isEqualTo(item);
  }

  @Test
  void genericTypesThroughATypeToken() {
    List<Item> items = List.of(new Item("A", 1, null, null));
    List<Item> back = serDes.deserialize(serDes.serialize(items), new TypeToken<List<Item>>() {});
    assertThat(back).containsExactlyElementsOf(items);
    Map<String, List<Integer>> m = serDes.deserialize("{\"a\":[1,2]}",
        TypeToken.parameterized(Map.class, String.class, TypeToken.parameterized(List.class, Integer.class).type()));
    assertThat(m.get("a")).containsExactly(1, 2);
  }

  @Test
  void unknownPropertiesAreIgnoredSoAddingAFieldDoesNotBreakRunsInFlight() {
    Item back = serDes.deserialize("{\"sku\":\"A\",\"qty\":1,\"color\":\"red\"}", TypeToken.of(Item.class));
    assertThat(back.sku()).isEqualTo("A");
  }

  @Test
  void failuresNameTheType() {
    Object selfRef = new Object() {
      public Object getSelf() {
        return this;
      }
    };
    assertThatThrownBy(() -> serDes.serialize(selfRef)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot serialize a value of type");
    assertThatThrownBy(() -> serDes.deserialize("{\"qty\":\"many\"}", TypeToken.of(Item.class)))
        .isInstanceOf(SerializationException.class).hasMessageContaining(Item.class.getName());
  }

  @Test
  void nullStaysNull() {
    assertThat(serDes.serialize(null)).isEqualTo("null");
    assertThat(serDes.deserialize(null, TypeToken.of(Item.class))).isNull();
    assertThat(serDes.deserialize("null", TypeToken.of(Item.class))).isNull();
  }
}
