package dev.durable.conformance;

import static dev.durable.conformance.BatchSupport.WITHOUT_STATUS;
import static dev.durable.conformance.BatchSupport.WITH_STATUS;
import static dev.durable.conformance.BatchSupport.projection;

import dev.durable.core.BatchOptions;
import dev.durable.core.Branch;
import dev.durable.core.ChildBody;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.TypeToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Suite 8: parallel — one ParallelBranch child context per branch. */
final class ParallelCases {
  private ParallelCases() {}

  private static final BatchOptions SEQUENTIAL = BatchOptions.maxConcurrency(1);

  static CaseHandler handler(String number, Map<String, String> vars) {
    return switch (number) {
      case "8.1" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, List.of(
          Branch.<String>of("b0", c -> c.step("task", String.class, s -> "task-1")),
          Branch.<String>of("b1", c -> c.step("task", String.class, s -> "task-2"))), SEQUENTIAL).results());
      case "8.2" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, List.of(
          Branch.<String>of("b0", c -> "alpha"), Branch.<String>of("b1", c -> "beta")), SEQUENTIAL).results());
      case "8.3" -> CaseHandler.of((in, ctx) -> ctx.parallel("named", String.class, List.of(
          Branch.<String>of("first", c -> "one"), Branch.<String>of("second", c -> "two")), SEQUENTIAL).results());
      case "8.5" -> CaseHandler.of((in, ctx) -> ctx.parallel("empty", String.class, List.<Branch<String>>of(),
          SEQUENTIAL).results());
      case "8.6" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(3, 1), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(0))), WITH_STATUS));
      case "8.7" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, branches(2, 0),
          SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(0))).throwIfError().results());
      case "8.9" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(3, 1), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(1))), WITH_STATUS));
      case "8.10" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(3, 0, 1), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailures(1))), WITHOUT_STATUS));
      case "8.11" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, List.of(
          Branch.<String>of("b0", c -> "r0"), Branch.<String>of("b1", c -> "r1"),
          Branch.<String>of("b2", c -> "r2")), BatchOptions.maxConcurrency(2)).results());
      case "8.13" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(4, 0, 1), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailurePercentage(25))),
          WITHOUT_STATUS));
      case "8.14" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, List.of(
          Branch.<String>of("b0", c -> c.step("work", String.class, s -> "b0")),
          Branch.<String>of("b1", c -> {
            c.wait("wait", Duration.ofSeconds(2));
            return "b1";
          })), SEQUENTIAL).results());
      case "8.15" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, List.of(
          Branch.<String>of("b0", c -> "x"), Branch.<String>of("b1", c -> "y")),
          SEQUENTIAL.withItemSerDes(CaseSupport.wrappingJson())).results());
      case "8.17" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(3, 1), SEQUENTIAL.withCompletion(CompletionPolicy.minSuccessful(3))), WITH_STATUS));
      case "8.18" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(4, 0, 1), SEQUENTIAL.withCompletion(CompletionPolicy.minSuccessful(3).withToleratedFailures(1))),
          WITHOUT_STATUS));
      case "8.19" -> CaseHandler.of((in, ctx) -> ctx.parallel("parallel", String.class, List.of(
          Branch.<String>of("b0", c -> "a"), Branch.<String>of("b1", c -> "b")),
          new BatchOptions(0, null, null)).results());
      case "8.21" -> CaseHandler.of((in, ctx) -> ctx.parallel("outer", new TypeToken<List<String>>() { },
          List.of(Branch.<List<String>>of("outer-branch", outer -> outer.parallel("inner", String.class, List.of(
              Branch.<String>of("i1", c -> c.step("work", String.class, s -> "i1")),
              Branch.<String>of("i2", c -> c.step("work", String.class, s -> "i2"))), SEQUENTIAL).results())),
          SEQUENTIAL).results());
      case "8.22" -> CaseHandler.of((in, ctx) -> projection(ctx.parallel("parallel", String.class,
          branches(4, 0), SEQUENTIAL.withCompletion(CompletionPolicy.toleratedFailurePercentage(25))),
          WITH_STATUS));
      default -> null;
    };
  }

  /** {@code n} branches returning "ok", except the {@code failing} ones, which throw. */
  private static List<Branch<String>> branches(int n, int... failing) {
    List<Branch<String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      boolean fails = Arrays.stream(failing).anyMatch(f -> f == index);
      ChildBody<String> body = c -> {
        if (fails) {
          throw new IllegalStateException("branch " + index + " fails");
        }
        return "ok";
      };
      out.add(Branch.of("branch-" + i, body));
    }
    return out;
  }
}
