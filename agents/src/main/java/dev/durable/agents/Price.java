package dev.durable.agents;

/**
 * What a model costs, in US dollars per million tokens; used by the agent's budget ledger.
 *
 * <pre>{@code
 * AiModel haiku = AiModel.of("haiku", chatModel).withPrice(Price.perMillion(0.80, 4.00));
 * }</pre>
 *
 * @param inputPerMillion dollars per million input tokens
 * @param outputPerMillion dollars per million output tokens
 */
public record Price(double inputPerMillion, double outputPerMillion) {
  /** Free (the default: budgets then count tokens only). */
  public static final Price FREE = new Price(0, 0);

  public Price {
    if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
      throw new IllegalArgumentException("prices must be >= 0 dollars per million tokens, got input="
          + inputPerMillion + " output=" + outputPerMillion);
    }
  }

  /** A price per million input and output tokens. */
  public static Price perMillion(double input, double output) {
    return new Price(input, output);
  }

  /** The cost of {@code tokens} in dollars. */
  public double cost(TokenCount tokens) {
    return (tokens.input() * inputPerMillion + tokens.output() * outputPerMillion) / 1_000_000.0;
  }
}
