package dev.durable.conformance;

import static dev.durable.conformance.CaseSupport.text;

import dev.durable.core.DurableLogger;
import dev.durable.core.DurableOperationException;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Suite 3: child contexts. */
final class ChildCases {
  private ChildCases() {}

  /** Journals a string as its upper-case text (not JSON) and reads it back as is. */
  private static SerDes upperCaseText() {
    return new SerDes() {
      @Override
      public String serialize(Object value) {
        return value == null ? null : value.toString().toUpperCase(Locale.ROOT);
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T deserialize(String data, TypeToken<T> type) {
        return (T) data;
      }
    };
  }

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "3.1" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("child", String.class,
          c -> c.step("echo", String.class, s -> text(in))));
      case "3.2" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext(in.get("name").asText(), String.class,
          c -> c.step("value", String.class, s -> in.get("value").asText())));
      case "3.3" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("pipeline", String.class, c -> {
        String first = c.step("first", String.class, s -> text(in));
        return c.step("second", String.class, s -> first);
      }));
      case "3.5" -> CaseHandler.of((in, ctx) -> {
        try {
          ctx.runInChildContext("failing", String.class, c -> c.step("boom", String.class, s -> {
            throw new IllegalStateException("inner step failed");
          }, StepOptions.noRetry()));
        } catch (DurableOperationException e) {
          // recovered below
        }
        return ctx.step("recover", String.class, s -> text(in));
      });
      case "3.6" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("outer", String.class, outer -> {
        outer.step("outer-step", String.class, s -> text(in));
        return outer.runInChildContext("inner", String.class,
            inner -> inner.step("inner-step", String.class, s -> text(in)));
      }));
      case "3.7" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("retrying", String.class,
          c -> c.step("flaky", String.class, s -> {
            if (s.attempt() == 1) {
              throw new IllegalStateException("first attempt fails");
            }
            return text(in);
          }, StepOptions.defaults().withRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1))))));
      case "3.9" -> CaseHandler.of((in, ctx) -> {
        String v = ctx.runInChildContext("child", String.class,
            c -> c.step("echo", String.class, s -> text(in)));
        ctx.wait("wait", Duration.ofSeconds(1));
        return v;
      });
      case "3.10" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("mixed", String.class, c -> {
        String v = c.step("echo", String.class, s -> text(in));
        c.wait("wait", Duration.ofSeconds(1));
        return v;
      }));
      case "3.11" -> CaseHandler.of((in, ctx) -> {
        String big = ctx.runInChildContext("large", String.class, c -> {
          // the case logs with replay logging on, so that re-running the body is visible
          new DurableLogger(LoggerFactory.getLogger("conformance.child"), () -> false)
              .info("building a large result for {}", text(in));
          String small = c.step("small", String.class, s -> text(in));
          return small.repeat(300 * 1024 / Math.max(1, small.length()) + 1);
        });
        ctx.wait("wait", Duration.ofSeconds(1));
        return big.length();
      });
      case "3.13" -> CaseHandler.of((in, ctx) -> {
        ctx.runInChildContext("waiting", String.class, c -> {
          c.wait("wait", Duration.ofSeconds(1));
          return text(in);
        });
        return ctx.step("after", String.class, s -> text(in));
      });
      case "3.14" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("shouting", TypeToken.of(String.class),
          c -> c.step("echo", String.class, s -> text(in)), upperCaseText()));
      case "3.15" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("throwing", String.class, c -> {
        throw new IllegalStateException("thrown directly in the child body");
      }));
      case "3.17" -> CaseHandler.of((in, ctx) -> {
        String v = ctx.runInChildContext("logging", String.class, c -> {
          c.logger().info("child body ran for {}", text(in));
          return text(in);
        });
        ctx.wait("wait", Duration.ofSeconds(1));
        return v;
      });
      case "3.18" -> CaseHandler.of((in, ctx) -> {
        ctx.runInChildContext("mixed", String.class, c -> {
          String v = c.step("inner", String.class, s -> text(in));
          c.wait("inner-wait", Duration.ofSeconds(1));
          return v;
        });
        String v = ctx.step("outer", String.class, s -> text(in));
        ctx.wait("outer-wait", Duration.ofSeconds(1));
        return v;
      });
      default -> null;
    };
  }
}
