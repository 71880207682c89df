package dev.durable.core.service;

import java.util.List;

/**
 * An execution as loaded from a store.
 *
 * @param execution the execution row
 * @param operations every operation, ordered by {@link OperationRecord#startSeq()}
 * @param version the version to pass as {@code expectedVersion} in the next write
 */
public record StoredExecution(ExecutionRecord execution, List<OperationRecord> operations, long version) {}
