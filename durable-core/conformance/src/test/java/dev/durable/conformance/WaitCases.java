package dev.durable.conformance;

import java.time.Duration;
import java.util.Map;

/** Suite 2: durable waits. */
final class WaitCases {
  private WaitCases() {}

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "2.1" -> CaseHandler.of((in, ctx) -> {
        ctx.wait("wait", Duration.ofSeconds(2));
        return "waited";
      });
      case "2.2" -> CaseHandler.of((in, ctx) -> {
        ctx.wait("custom_wait_name", Duration.ofSeconds(2));
        return "waited";
      });
      case "2.3" -> CaseHandler.of((in, ctx) -> {
        ctx.wait("wait-1", Duration.ofSeconds(2));
        ctx.wait("wait-2", Duration.ofSeconds(2));
        return Map.of("completedWaits", 2);
      });
      case "2.5" -> CaseHandler.of((in, ctx) -> {
        ctx.wait("long_wait", Duration.ofHours(1));
        return "waited an hour";
      });
      default -> null;
    };
  }
}
