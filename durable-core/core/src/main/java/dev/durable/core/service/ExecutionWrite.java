package dev.durable.core.service;

import dev.durable.core.model.HistoryEvent;
import java.util.List;

/**
 * One atomic change to a store.
 *
 * @param expectedVersion the version the writer loaded, or -1 to create the execution
 * @param execution the new execution row
 * @param operations operations to insert or replace (by id)
 * @param events history events to append
 */
public record ExecutionWrite(
    long expectedVersion,
    ExecutionRecord execution,
    List<OperationRecord> operations,
    List<HistoryEvent> events) {}
