package dev.durable.conformance;

import dev.durable.core.BatchResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The summary a map or parallel case returns instead of its items. */
final class BatchSupport {
  private BatchSupport() {}

  /**
   * Picks {@code keys} out of completionReason, status (FAILED if any item failed), successCount,
   * failureCount and totalCount (the items that ran to an end; never-started ones do not count).
   */
  static Map<String, Object> projection(BatchResult<?> r, String... keys) {
    int succeeded = r.succeeded().size();
    int failed = r.failed().size();
    Map<String, Object> all = Map.of(
        "completionReason", r.completionReason().name(),
        "status", r.hasFailure() ? "FAILED" : "SUCCEEDED",
        "successCount", succeeded,
        "failureCount", failed,
        "totalCount", succeeded + failed);
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, all.get(k));
    }
    return out;
  }

  static final String[] WITH_STATUS = {"completionReason", "status", "successCount", "failureCount",
      "totalCount"};
  static final String[] WITHOUT_STATUS = {"completionReason", "successCount", "failureCount", "totalCount"};
}
