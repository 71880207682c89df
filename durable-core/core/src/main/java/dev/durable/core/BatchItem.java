package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/**
 * One item of a {@link BatchResult}.
 *
 * @param index zero-based position in the input
 * @param name the item's child-context name, or null
 * @param status what happened to it
 * @param result the result when SUCCEEDED
 * @param error the error when FAILED
 * @param <T> result type
 */
public record BatchItem<T>(int index, String name, BatchItemStatus status, T result, ErrorObject error) {}
