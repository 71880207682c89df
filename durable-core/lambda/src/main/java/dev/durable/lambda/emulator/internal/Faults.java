package dev.durable.lambda.emulator.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for tests: makes a chosen checkpoint request arrive with a token the service has
 * already consumed, so the service itself answers "Invalid checkpoint token" exactly as it would to
 * a stale handler.
 */
public final class Faults {
  private static final String NEVER_ISSUED = "c3RhbGUtdG9rZW4="; // base64 of "stale-token"

  private final Map<String, Integer> staleAt = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, String> consumed = new ConcurrentHashMap<>();

  /**
   * The {@code n}-th checkpoint request (1-based, counted over all executions of the function)
   * will carry the previous, consumed token instead of its own.
   */
  public void staleTokenAt(String functionName, int n) {
    staleAt.put(functionName, n);
    counts.put(functionName, new AtomicInteger());
  }

  /** The token to hand the service for this request. */
  String tokenFor(String executionArn, String token) {
    String fn = Functions.baseName(Functions.functionArn(executionArn));
    Integer at = staleAt.get(fn);
    if (at == null) {
      return token;
    }
    if (counts.get(fn).incrementAndGet() != at) {
      return token;
    }
    staleAt.remove(fn);
    return consumed.getOrDefault(executionArn, NEVER_ISSUED);
  }

  /** Remembers the token a successful checkpoint consumed. */
  void consumed(String executionArn, String token) {
    if (!staleAt.isEmpty()) {
      consumed.put(executionArn, token);
    }
  }
}
