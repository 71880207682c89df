package dev.durable.agents;

/**
 * A per-run limit on tokens and/or dollars, checked before each model call against the
 * {@link Ledger}. When it runs out the agent fails with {@link BudgetExceededException}, or, with
 * {@link #askToContinue()}, pauses for an approval that grants another allowance of the same size
 * (or as many as it takes to cover what the last call overshot). The check runs before each call,
 * so a run can end one call over its limit.
 *
 * <pre>{@code
 * Budget.tokens(50_000).andCost(0.50).askToContinue()
 * }</pre>
 *
 * @param maxTokens the token allowance, or 0 for no token limit
 * @param maxCostUsd the dollar allowance, or 0 for no cost limit
 * @param pauseForApproval true to ask for approval (pausing the run) instead of failing
 */
public record Budget(long maxTokens, double maxCostUsd, boolean pauseForApproval) {
  /** No limit. */
  public static final Budget UNLIMITED = new Budget(0, 0, false);

  public Budget {
    if (maxTokens < 0 || !(maxCostUsd >= 0)) {
      throw new IllegalArgumentException("budget limits must be positive (or 0 for none), got maxTokens="
          + maxTokens + " maxCostUsd=" + maxCostUsd);
    }
  }

  /** At most {@code maxTokens} tokens; must be positive (a zero budget could never make a call). */
  public static Budget tokens(long maxTokens) {
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("Budget.tokens(maxTokens) needs maxTokens > 0, got " + maxTokens
          + "; use Budget.UNLIMITED for no limit");
    }
    return new Budget(maxTokens, 0, false);
  }

  /** At most {@code maxCostUsd} dollars; must be positive. */
  public static Budget cost(double maxCostUsd) {
    return new Budget(0, requirePositiveCost(maxCostUsd), false);
  }

  /** A copy that also limits cost. */
  public Budget andCost(double newMaxCostUsd) {
    return new Budget(maxTokens, requirePositiveCost(newMaxCostUsd), pauseForApproval);
  }

  /** A copy that pauses for approval instead of failing when the budget runs out. */
  public Budget askToContinue() {
    return new Budget(maxTokens, maxCostUsd, true);
  }

  /** True if the ledger is at or over the allowance granted {@code grants} times. */
  public boolean exceededBy(Ledger ledger, int grants) {
    boolean tokensOut = maxTokens > 0 && ledger.tokens().total() >= maxTokens * (long) grants;
    boolean costOut = maxCostUsd > 0 && ledger.costUsd() >= maxCostUsd * grants;
    return tokensOut || costOut;
  }

  private static double requirePositiveCost(double usd) {
    if (!(usd > 0)) {
      throw new IllegalArgumentException("a cost budget needs maxCostUsd > 0, got " + usd
          + "; use Budget.UNLIMITED for no limit");
    }
    return usd;
  }
}
