package dev.durable.conformance;

import static dev.durable.conformance.BatchSupport.WITHOUT_STATUS;
import static dev.durable.conformance.BatchSupport.WITH_STATUS;
import static dev.durable.conformance.BatchSupport.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.BatchItem;
import dev.durable.core.BatchItemStatus;
import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.CompletionReason;
import dev.durable.core.TypeToken;
import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Suite 9: map — one MapIteration child context per item. */
final class MapCases {
  private MapCases() {}

  private static final BatchOptions SEQUENTIAL = BatchOptions.maxConcurrency(1);

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "9.1" -> CaseHandler.of((in, ctx) -> ctx.map("map", texts(in), String.class,
          (item, i, c) -> c.step("greet", String.class, s -> "Hello, " + item + "!"), SEQUENTIAL).results());
      case "9.2" -> CaseHandler.of((in, ctx) -> ctx.map("map", ints(in), Integer.class,
          (item, i, c) -> item * 2, SEQUENTIAL).results());
      case "9.3" -> CaseHandler.of((in, ctx) -> ctx.map("map", ints(in), Integer.class,
          (item, i, c) -> item + i, SEQUENTIAL).results());
      case "9.5" -> CaseHandler.of((in, ctx) -> projection(ctx.map("map", List.of("a", "b", "c"), String.class,
          (item, i, c) -> failAt(i, 1, "ok"), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(0))),
          WITH_STATUS));
      case "9.6" -> CaseHandler.of((in, ctx) -> ctx.map("throwing", List.of("i0", "i1"), String.class,
          (item, i, c) -> failAt(i, 0, "ok"), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(0)))
          .throwIfError().results());
      case "9.7" -> CaseHandler.of((in, ctx) -> projection(ctx.map("map", List.of("a", "b", "c", "d"),
          String.class, (item, i, c) -> "done-" + item,
          SEQUENTIAL.withCompletion(CompletionPolicy.minSuccessful(2))),
          "completionReason", "successCount", "totalCount"));
      case "9.9" -> CaseHandler.of((in, ctx) -> projection(ctx.map("map", List.of("a", "b", "c"), String.class,
          (item, i, c) -> failAt(i, i, "ok"), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(1))),
          WITHOUT_STATUS));
      case "9.10" -> CaseHandler.of((in, ctx) -> projection(ctx.map("map", List.of("a", "b", "c", "d"),
          String.class, (item, i, c) -> failAt(i, i, "ok"),
          SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailurePercentage(25))), WITHOUT_STATUS));
      case "9.11" -> CaseHandler.of((in, ctx) -> ctx.map("map", List.of(0, 1, 2), String.class,
          (item, i, c) -> "r" + item, BatchOptions.maxConcurrency(2)).results());
      case "9.13" -> CaseHandler.of((in, ctx) -> ctx.map("named-items", ints(in), Integer.class,
          (item, i, c) -> item * 10, SEQUENTIAL.withItemNamer((item, i) -> "item-" + item)).results());
      case "9.14" -> CaseHandler.of((in, ctx) -> ctx.map("map", List.of("x", "y"), String.class,
          (item, i, c) -> item.toUpperCase(), SEQUENTIAL.withItemSerDes(CaseSupport.prefixing("wrapped:")))
          .results());
      case "9.19" -> CaseHandler.of((in, ctx) -> ctx.map("map", List.of("x", "y"), String.class,
          (item, i, c) -> item.toUpperCase(), SEQUENTIAL.withResultSerDes(joinedResults())).results());
      case "9.15" -> CaseHandler.of((in, ctx) -> ctx.map("map", List.of(0, 1), String.class, (item, i, c) -> {
        if (item == 1) {
          c.wait("wait", Duration.ofSeconds(1));
        }
        return c.step("work", String.class, s -> "r" + item);
      }, SEQUENTIAL).results());
      case "9.17" -> CaseHandler.of((in, ctx) -> {
        List<String> r = ctx.map("map", List.of("a", "b"), String.class,
            (item, i, c) -> item.toUpperCase(), SEQUENTIAL).results();
        ctx.wait("wait", Duration.ofSeconds(1));
        return r;
      });
      case "9.18" -> CaseHandler.of((in, ctx) -> {
        BatchResult<String> r = ctx.map("map", List.of("a", "b"), String.class,
            (item, i, c) -> failAt(i, 1, "ok"), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(1)));
        ctx.wait("wait", Duration.ofSeconds(1));
        return projection(r, WITH_STATUS);
      });
      default -> null;
    };
  }

  /**
   * Journals a whole map result as {@code OPSERDE:} and its comma-joined results, and reads that
   * back as a batch of succeeded items.
   */
  private static SerDes joinedResults() {
    return new SerDes() {
      @Override
      public String serialize(Object value) {
        return "OPSERDE:" + String.join(",", ((BatchResult<?>) value).results().stream()
            .map(String::valueOf).toList());
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T deserialize(String data, TypeToken<T> type) {
        String[] parts = data.substring("OPSERDE:".length()).split(",", -1);
        List<BatchItem<String>> items = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
          items.add(new BatchItem<>(i, null, BatchItemStatus.SUCCEEDED, parts[i], null));
        }
        return (T) new BatchResult<>(items, CompletionReason.ALL_COMPLETED);
      }
    };
  }

  /** Returns {@code value}, except that item {@code failing} throws. */
  static String failAt(int index, int failing, String value) {
    if (index == failing) {
      throw new IllegalStateException("item " + index + " fails");
    }
    return value;
  }

  static List<String> texts(JsonNode in) {
    List<String> out = new ArrayList<>();
    in.forEach(n -> out.add(n.asText()));
    return out;
  }

  static List<Integer> ints(JsonNode in) {
    List<Integer> out = new ArrayList<>();
    in.forEach(n -> out.add(n.asInt()));
    return out;
  }
}
