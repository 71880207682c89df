package dev.durable.lambda.emulator.internal;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The handlers registered with the emulator, by function name. */
public final class Functions {
  private final Map<String, RequestStreamHandler> handlers = new ConcurrentHashMap<>();

  /** Registers (or replaces) the handler of {@code name}. */
  public void register(String name, RequestStreamHandler handler) {
    handlers.put(name, handler);
  }

  /** The handler of a function name (no qualifier), or null. */
  public RequestStreamHandler find(String name) {
    return name == null ? null : handlers.get(name);
  }

  /** Registered names, sorted. */
  public List<String> names() {
    return List.copyOf(new TreeMap<>(handlers).keySet());
  }

  /**
   * The bare function name of a name, {@code name:qualifier}, or function ARN
   * ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}).
   */
  public static String baseName(String functionName) {
    String s = functionName;
    int fn = s.indexOf(":function:");
    if (s.startsWith("arn:") && fn >= 0) {
      s = s.substring(fn + ":function:".length());
    }
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  /** The qualifier of {@code name:qualifier} or a qualified ARN, or null if unqualified. */
  public static String qualifier(String functionName) {
    String s = functionName;
    int fn = s.indexOf(":function:");
    if (s.startsWith("arn:") && fn >= 0) {
      s = s.substring(fn + ":function:".length());
    }
    int colon = s.indexOf(':');
    return colon < 0 ? null : s.substring(colon + 1);
  }

  /** The function ARN (with its version) of an execution ARN. */
  public static String functionArn(String executionArn) {
    int i = executionArn.indexOf("/durable-execution/");
    return i < 0 ? executionArn : executionArn.substring(0, i);
  }
}
