package dev.durable.agents;

/**
 * Tokens one model call used, as the provider reported them.
 *
 * @param input prompt tokens
 * @param output completion tokens
 */
public record TokenCount(long input, long output) {
  /** No tokens. */
  public static final TokenCount ZERO = new TokenCount(0, 0);

  public TokenCount {
    if (input < 0 || output < 0) {
      throw new IllegalArgumentException("token counts must be >= 0, got input=" + input + " output=" + output);
    }
  }

  /** Input plus output. */
  public long total() {
    return input + output;
  }

  /** The sum of both counts. */
  public TokenCount plus(TokenCount other) {
    return new TokenCount(input + other.input, output + other.output);
  }
}
