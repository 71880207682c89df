package dev.durable.conformance;

import dev.durable.core.DurableListener;

/**
 * Stands in for a Lambda process that dies inside a step body ({@code process.exit}): the body
 * calls {@link #now()}, and the backend's listener ends the invocation at the attempt's end, before
 * anything about the attempt is checkpointed. The service then sees the invocation crash.
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
          throw new ProcessExit();
        }
      }
    };
  }

  /** What a crashed invocation throws; the runtime reports it as Runtime.ExitError. */
  static final class ProcessExit extends RuntimeException {
    ProcessExit() {
      super("the Lambda runtime exited inside a step body (simulated process exit)", null, false, false);
    }
  }
}
