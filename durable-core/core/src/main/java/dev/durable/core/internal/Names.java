package dev.durable.core.internal;

import dev.durable.core.IllegalDurableOperationException;

/** Validation of operation names against the service's rule: 1..256 printable ASCII characters. */
final class Names {
  static final int MAX_LENGTH = 256;

  private Names() {}

  static void check(String operation, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalDurableOperationException(operation + " name is " + (name == null ? "null" : "blank")
          + "; give every durable operation a short, stable name such as \"charge-card\" (names identify"
          + " operations in the journal and in tests)");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalDurableOperationException(operation + " name '" + name.substring(0, 40)
          + "…' is " + name.length() + " characters long; the limit is " + MAX_LENGTH);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalDurableOperationException(String.format(
            "%s name '%s' contains the character U+%04X at index %d; names must be printable ASCII"
                + " (space to ~), as the durable-execution service requires",
            operation, name.replaceAll("[^\\x20-\\x7e]", "?"), (int) c, i));
      }
    }
  }
}
