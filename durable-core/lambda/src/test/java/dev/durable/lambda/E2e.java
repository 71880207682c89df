package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/** Helpers shared by the end-to-end tests: start runs through the SDK, wait for conditions. */
final class E2e {
  private E2e() {}

  /** Registers {@code fn} as a durable handler whose client talks to {@code emulator}. */
  static <I, O> void register(LambdaEmulator emulator, String name, DurableFunction<I, O> fn,
      TypeToken<I> in) {
    emulator.register(name, fn, in);
  }

  /** Starts an execution with Invoke (Event) and a durable execution name; returns its ARN. */
  static String start(LambdaClient lambda, String function, String name, String payloadJson) {
    return lambda.invoke(b -> b.functionName(function + ":$LATEST")
        .invocationType(InvocationType.EVENT).durableExecutionName(name)
        .payload(SdkBytes.fromUtf8String(payloadJson))).durableExecutionArn();
  }

  /** The execution's history through GetDurableExecutionHistory, all pages. */
  static List<Event> history(LambdaClient lambda, String arn) {
    return lambda.getDurableExecutionHistoryPaginator(b -> b.durableExecutionArn(arn)
        .includeExecutionData(true)).events().stream().toList();
  }

  /** Event types in order. */
  static List<String> types(List<Event> events) {
    return events.stream().map(Event::eventTypeAsString).toList();
  }

  /** Polls (wall time) until {@code condition} holds; fails after 20 s. */
  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("still waiting for: " + what).isNegative();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Runs the execution to its end, moving the emulator's clock by {@code step} whenever it is
   * suspended (waits and retry delays come due without sleeping).
   */
  static dev.durable.core.service.ExecutionRecord driveToEnd(LambdaEmulator emulator, String arn,
      Duration step) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (emulator.service().describe(arn).status() == dev.durable.core.model.ExecutionStatus.RUNNING) {
      assertThat(System.nanoTime() - deadline).as("execution still running: " + arn).isNegative();
      if (suspended(emulator, arn)) {
        emulator.advanceTime(step);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return emulator.service().describe(arn);
  }

  /** True once the execution is suspended: its last history event ends an invocation. */
  static boolean suspended(LambdaEmulator emulator, String arn) {
    var events = emulator.history(arn);
    return !events.isEmpty() && events.get(events.size() - 1).eventType().equals("InvocationCompleted")
        && !emulator.service().describe(arn).invocationActive()
        && !emulator.service().describe(arn).invocationRequested();
  }
}
