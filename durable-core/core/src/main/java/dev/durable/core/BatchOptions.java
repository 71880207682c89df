package dev.durable.core;

import java.util.function.BiFunction;

/**
 * Options of {@link DurableContext#map map} and {@link DurableContext#parallel parallel}.
 *
 * @param maxConcurrency at most this many items run at once; null = all at once
 * @param completion when the batch is complete
 * @param itemNamer names each item's child context from (item, index); null = unnamed
 */
public record BatchOptions(
    Integer maxConcurrency, CompletionPolicy completion, BiFunction<Object, Integer, String> itemNamer) {

  public BatchOptions {
    if (maxConcurrency != null && maxConcurrency < 1) {
      throw new IllegalDurableOperationException(
          "maxConcurrency must be a positive number (or null for no limit), got " + maxConcurrency);
    }
    completion = completion == null ? CompletionPolicy.allSuccessful() : completion;
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
    return new BatchOptions(maxConcurrency, policy, itemNamer);
  }

  /** A copy that names items' child contexts. */
  public BatchOptions withItemNamer(BiFunction<Object, Integer, String> namer) {
    return new BatchOptions(maxConcurrency, completion, namer);
  }
}
