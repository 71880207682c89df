package dev.durable.conformance;

import dev.durable.core.DurableListener;
import dev.durable.lambda.emulator.RuntimeExit;

/**
 * Stands in for a Lambda process that dies inside a step body ({@code process.exit}): the body
 * calls {@link #now()}, and the backends' listener ends the invocation at the attempt's end, before
 * anything about the attempt is checkpointed, by throwing the emulator's {@link RuntimeExit}. The
 * service then records the invocation as {@code Runtime.ExitError}.
 */
final class Crash {
  private static final ThreadLocal<Boolean> REQUESTED = ThreadLocal.withInitial(() -> false);

  private Crash() {}

  /** Marks the current step attempt as one whose process dies; returns a value to satisfy types. */
  static <T> T now() {
    REQUESTED.set(true);
    throw new ProcessExit();
  }

  /** The listener the backends install: turns a requested crash into an invocation crash. */
  static DurableListener listener() {
    return new DurableListener() {
      @Override
      public void onStepAttemptEnd(StepAttempt attempt, Throwable error) {
        if (REQUESTED.get()) {
          REQUESTED.set(false);
          throw new RuntimeExit("the step body ended the process");
        }
      }
    };
  }

  /** What the crashing step body throws, so that it cannot return normally. */
  static final class ProcessExit extends RuntimeException {
    ProcessExit() {
      super("the Lambda runtime exited inside a step body (simulated process exit)", null, false, false);
    }
  }
}
