package dev.durable.core.service;

import dev.durable.core.DurableException;

/** A store write lost an optimistic-concurrency race: another writer changed the execution first. */
public class StoreConflictException extends DurableException {
  public StoreConflictException(String message) {
    super(message);
  }
}
