package dev.durable.core;

import dev.durable.core.serde.SerDes;
import java.util.function.BiFunction;

/**
 * Options of {@link DurableContext#map map} and {@link DurableContext#parallel parallel}.
 *
 * @param maxConcurrency at most this many items run at once; null = all at once
 * @param completion when the batch is complete
 * @param itemNamer names each item's child context from (item, index); null = unnamed
 * @param itemSerDes journals each item's result; null = the function's SerDes
 * @param resultSerDes journals the whole {@link BatchResult}; null = the function's SerDes
 */
public record BatchOptions(
    Integer maxConcurrency, CompletionPolicy completion, BiFunction<Object, Integer, String> itemNamer,
    SerDes itemSerDes, SerDes resultSerDes) {

  public BatchOptions {
    if (maxConcurrency != null && maxConcurrency < 1) {
      throw new IllegalDurableOperationException(
          "maxConcurrency must be a positive number (or null for no limit), got " + maxConcurrency);
    }
    completion = completion == null ? CompletionPolicy.allSuccessful() : completion;
  }

  /** Options with the function's SerDes for items and result. */
  public BatchOptions(Integer maxConcurrency, CompletionPolicy completion,
      BiFunction<Object, Integer, String> itemNamer) {
    this(maxConcurrency, completion, itemNamer, null, null);
  }

  /** All items at once, stop at the first failure. */
  public static BatchOptions defaults() {
    return new BatchOptions(null, null, null);
  }

  /** At most {@code n} items at once. */
  public static BatchOptions maxConcurrency(int n) {
    return new BatchOptions(n, null, null);
  }

  /** A copy with another completion policy. */
  public BatchOptions withCompletion(CompletionPolicy policy) {
    return new BatchOptions(maxConcurrency, policy, itemNamer, itemSerDes, resultSerDes);
  }

  /** A copy that names items' child contexts. */
  public BatchOptions withItemNamer(BiFunction<Object, Integer, String> namer) {
    return new BatchOptions(maxConcurrency, completion, namer, itemSerDes, resultSerDes);
  }

  /** A copy that journals each item's result with {@code serDes}. */
  public BatchOptions withItemSerDes(SerDes serDes) {
    return new BatchOptions(maxConcurrency, completion, itemNamer, serDes, resultSerDes);
  }

  /** A copy that journals the whole batch result with {@code serDes}. */
  public BatchOptions withResultSerDes(SerDes serDes) {
    return new BatchOptions(maxConcurrency, completion, itemNamer, itemSerDes, serDes);
  }
}
