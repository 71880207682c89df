package dev.durable.conformance;

/** Which backend the conformance tests use. */
final class Backends {
  private Backends() {}

  static Backend current() {
    return new InProcessBackend();
  }
}
