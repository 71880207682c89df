package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.DurableFunction;
import dev.durable.core.InvokeFailedException;
import dev.durable.core.InvokeOptions;
import dev.durable.core.TypeToken;
import java.time.Duration;
import java.util.Map;

/** Suite 5: chained invokes of other durable functions. */
final class InvokeCases {
  private InvokeCases() {}

  private static final DurableFunction<JsonNode, Object> ECHO = (in, ctx) -> in;
  private static final DurableFunction<JsonNode, Object> FAILING = (in, ctx) -> {
    throw new IllegalStateException("the target function failed");
  };
  private static final TypeToken<JsonNode> JSON = TypeToken.of(JsonNode.class);

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "5.1", "5.3" -> CaseHandler.of((in, ctx) -> ctx.invoke("echo", "echo", in, JsonNode.class))
          .with("echo", ECHO);
      case "5.2" -> CaseHandler.of((in, ctx) -> ctx.invoke(in.get("name").asText(), "echo",
          in.get("payload").asText(), String.class)).with("echo", ECHO);
      case "5.5" -> CaseHandler.of((in, ctx) -> ctx.invoke("failing", "failing", "x", String.class))
          .with("failing", FAILING);
      case "5.6" -> CaseHandler.of((in, ctx) -> {
        try {
          return ctx.invoke("failing", "failing", "x", String.class);
        } catch (InvokeFailedException e) {
          return "fallback";
        }
      }).with("failing", FAILING);
      case "5.7" -> CaseHandler.of((in, ctx) -> ctx.invoke("process", "measure", "x".repeat(240 * 1024),
          Integer.class)).with("measure", (in, ctx) -> in.asText().length());
      case "5.9" -> CaseHandler.of((in, ctx) -> {
        JsonNode r = ctx.invoke("echo", "echo", "cached", JsonNode.class);
        ctx.wait("wait", Duration.ofSeconds(1));
        return r;
      }).with("echo", ECHO);
      case "5.10" -> CaseHandler.of((in, ctx) -> {
        String outcome;
        try {
          outcome = ctx.invoke("failing", "failing", "x", String.class);
        } catch (InvokeFailedException e) {
          outcome = "caught";
        }
        ctx.wait("wait", Duration.ofSeconds(1));
        return outcome;
      }).with("failing", FAILING);
      case "5.11" -> CaseHandler.of((in, ctx) -> {
        String v = ctx.step("prepare", String.class, s -> "prepared");
        return ctx.invoke("echo", "echo", v, String.class);
      }).with("echo", ECHO);
      case "5.13" -> CaseHandler.of((in, ctx) -> ctx.runInChildContext("child", JsonNode.class,
          c -> c.invoke("echo", "echo", "from child", JsonNode.class))).with("echo", ECHO);
      case "5.14" -> CaseHandler.of((in, ctx) -> {
        String a = ctx.invoke("first", "echo", "one", String.class);
        String b = ctx.invoke("second", "echo", "two", String.class);
        return a + "," + b;
      }).with("echo", ECHO);
      case "5.15" -> CaseHandler.of((in, ctx) -> ctx.invoke("echo", "echo", in.get("data").asText(), JSON,
          new InvokeOptions(null, CaseSupport.rewritingStrings(String::toUpperCase)))).with("echo", ECHO);
      default -> null;
    };
  }
}
