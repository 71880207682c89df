package dev.durable.conformance;

/**
 * Which backend the conformance tests use: the Lambda emulator through the AWS SDK client (the
 * default), or {@code -Dconformance.backend=in-process} for the engine and service alone.
 */
final class Backends {
  private Backends() {}

  static Backend current() {
    String which = System.getProperty("conformance.backend", "emulator");
    return switch (which) {
      case "emulator" -> new EmulatorBackend();
      case "in-process" -> new InProcessBackend();
      default -> throw new IllegalArgumentException("conformance.backend is '" + which
          + "'; use 'emulator' (default) or 'in-process'");
    };
  }
}
