package dev.durable.lambda.emulator;

/**
 * Thrown by a registered handler to stand in for a Lambda runtime whose process died mid-invocation
 * ({@code System.exit}, an out-of-memory kill): an in-process emulator cannot let the JVM exit, so
 * the handler throws this instead and the emulator records the invocation as Lambda does, with
 * error type {@code Runtime.ExitError}, then invokes the execution again.
 *
 * <pre>{@code
 * emulator.register("flaky", client -> (in, out, ctx) -> {
 *   throw new RuntimeExit("simulated crash in a step body");
 * });
 * }</pre>
 */
public final class RuntimeExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A process exit with {@code reason} as the recorded message. */
  public RuntimeExit(String reason) {
    super(reason, null, false, false);
  }
}
