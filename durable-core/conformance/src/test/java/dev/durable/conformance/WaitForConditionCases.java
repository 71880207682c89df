package dev.durable.conformance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.durable.core.ConditionResult;
import dev.durable.core.DurableContext;
import dev.durable.core.WaitStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Suite 6: waitForCondition — a polled state journaled as one step's attempts. */
final class WaitForConditionCases {
  private WaitForConditionCases() {}

  private static final WaitStrategy EVERY_SECOND = WaitStrategy.fixed(60, Duration.ofSeconds(1));

  /** A structured state. */
  record Job(String status, int attempts) {}

  /** A string state with its own encoding in the journal (base64), decoded on resume. */
  record Encoded(String text) {
    @JsonValue
    String encoded() {
      return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @JsonCreator
    static Encoded decode(String encoded) {
      return new Encoded(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }
  }

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "6.1" -> CaseHandler.of((in, ctx) -> countTo(ctx, "poll", 0, in.asInt(), EVERY_SECOND));
      case "6.2" -> CaseHandler.of((in, ctx) -> ctx.waitForCondition("poll", Integer.class, in.asInt(),
          (state, s) -> state >= 5 ? ConditionResult.stop(state) : ConditionResult.keepPolling(state),
          EVERY_SECOND));
      case "6.3" -> CaseHandler.of((in, ctx) -> countTo(ctx, "poll-status", 0, in.asInt(), EVERY_SECOND));
      case "6.5" -> CaseHandler.of((in, ctx) -> countTo(ctx, "poll", 0, in.asInt(),
          WaitStrategy.fixed(60, Duration.ofSeconds(2))));
      case "6.6" -> CaseHandler.of((in, ctx) -> countTo(ctx, "poll", 0, Integer.MAX_VALUE,
          WaitStrategy.fixed(3, Duration.ofSeconds(1))));
      case "6.7" -> CaseHandler.of((in, ctx) -> ctx.waitForCondition("poll", Integer.class, 0,
          (state, s) -> {
            throw new IllegalStateException("the check cannot read the status");
          }, EVERY_SECOND));
      case "6.9" -> CaseHandler.of((in, ctx) -> ctx.waitForCondition("poll", Job.class, new Job("PENDING", 0),
          (job, s) -> {
            int attempts = job.attempts() + 1;
            Job next = new Job(attempts >= 2 ? "DONE" : "PENDING", attempts);
            return "PENDING".equals(next.status()) ? ConditionResult.keepPolling(next) : ConditionResult.stop(next);
          }, EVERY_SECOND));
      case "6.10" -> CaseHandler.of((in, ctx) -> ctx.waitForCondition("poll", String.class, "start",
          (state, s) -> ConditionResult.stop(null), EVERY_SECOND));
      case "6.11" -> CaseHandler.of((in, ctx) -> ctx.waitForCondition("poll", Encoded.class, new Encoded(""),
          (state, s) -> {
            Encoded next = new Encoded(state.text() + "x");
            return next.text().length() >= 2 ? ConditionResult.stop(next) : ConditionResult.keepPolling(next);
          }, EVERY_SECOND).text());
      case "6.13" -> CaseHandler.of((in, ctx) -> {
        int first = countTo(ctx, "first", 0, 2, EVERY_SECOND);
        return countTo(ctx, "second", first, 4, EVERY_SECOND);
      });
      default -> null;
    };
  }

  /** Increments the state on each check and stops when it reaches {@code threshold}. */
  private static int countTo(DurableContext ctx, String name, int start, int threshold,
      WaitStrategy strategy) {
    return ctx.waitForCondition(name, Integer.class, start, (state, s) -> {
      int next = state + 1;
      return next >= threshold ? ConditionResult.stop(next) : ConditionResult.keepPolling(next);
    }, strategy);
  }
}
