package dev.durable.approval;

/** Argument checks whose messages name the field, the value and the fix. */
final class Checks {
  private Checks() {}

  static String text(String field, String value, int max, String example) {
    if (value == null || value.isBlank()) {
      throw new ApprovalException(field + " is " + (value == null ? "missing" : "blank") + "; give " + example);
    }
    if (value.length() > max) {
      throw new ApprovalException(field + " is " + value.length() + " characters, over the limit of " + max);
    }
    return value.trim();
  }
}
