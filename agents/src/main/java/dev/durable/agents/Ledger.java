package dev.durable.agents;

/**
 * What an agent run has spent so far. Built from the usage recorded in each model call's journal
 * entry, so a replay arrives at the same numbers and never counts a call twice.
 *
 * @param calls model calls made
 * @param tokens tokens used by those calls
 * @param costUsd their cost in US dollars, from each answering model's {@link Price}
 */
public record Ledger(int calls, TokenCount tokens, double costUsd) {
  /** Nothing spent. */
  public static final Ledger EMPTY = new Ledger(0, TokenCount.ZERO, 0);

  /** This ledger plus one model call's usage, priced with {@code price}. */
  public Ledger plus(TokenCount used, Price price) {
    return new Ledger(calls + 1, tokens.plus(used), costUsd + price.cost(used));
  }
}
