package dev.durable.agents;

/**
 * An agent's token or cost budget ran out (and no approval extended it). The ledger is rebuilt from
 * the journaled usage, so this is thrown at the same turn on every replay.
 */
public class BudgetExceededException extends AgentException {
  private final transient Ledger ledger;

  public BudgetExceededException(String message, Ledger ledger) {
    super(message);
    this.ledger = ledger;
  }

  /** What had been spent when the budget ran out. */
  public Ledger ledger() {
    return ledger;
  }
}
