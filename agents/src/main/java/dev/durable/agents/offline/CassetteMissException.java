package dev.durable.agents.offline;

import dev.durable.agents.AgentException;

/**
 * A replaying cassette got a request it never recorded. The message shows a line diff against the
 * closest recorded request; re-record the cassette if the change is intended.
 */
public class CassetteMissException extends AgentException {
  public CassetteMissException(String message) {
    super(message);
  }
}
