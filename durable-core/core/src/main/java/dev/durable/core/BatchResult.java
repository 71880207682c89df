package dev.durable.core;

import java.util.List;

/**
 * The outcome of a map or parallel: one item per input, in input order, plus why it completed. A
 * batch whose items failed still returns normally; call {@link #throwIfError()} to fail instead.
 *
 * @param items one entry per input item, in input order
 * @param completionReason why the batch completed
 * @param <T> item result type
 */
public record BatchResult<T>(List<BatchItem<T>> items, CompletionReason completionReason) {
  public BatchResult {
    items = List.copyOf(items);
  }

  /** Results of the succeeded items, in input order. */
  public List<T> results() {
    return items.stream().filter(i -> i.status() == BatchItemStatus.SUCCEEDED).map(BatchItem::result).toList();
  }

  /** The succeeded items. */
  public List<BatchItem<T>> succeeded() {
    return items.stream().filter(i -> i.status() == BatchItemStatus.SUCCEEDED).toList();
  }

  /** The failed items. */
  public List<BatchItem<T>> failed() {
    return items.stream().filter(i -> i.status() == BatchItemStatus.FAILED).toList();
  }

  /** True if any item failed. */
  public boolean hasFailure() {
    return items.stream().anyMatch(i -> i.status() == BatchItemStatus.FAILED);
  }

  /** Throws the first item failure as a {@link ChildContextFailedException}, if any. */
  public BatchResult<T> throwIfError() {
    for (BatchItem<T> item : items) {
      if (item.status() == BatchItemStatus.FAILED) {
        throw new ChildContextFailedException(
            "batch item " + item.index() + (item.name() == null ? "" : " ('" + item.name() + "')")
                + " failed: " + (item.error() == null ? "unknown error" : item.error().errorMessage()),
            item.error());
      }
    }
    return this;
  }
}
