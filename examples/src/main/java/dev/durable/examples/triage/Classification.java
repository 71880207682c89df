package dev.durable.examples.triage;

/**
 * The classifier's structured answer (the model replies JSON matching this record's schema).
 *
 * @param category one of {@code shipping}, {@code billing}, {@code product}, {@code account}, {@code other}
 * @param priority {@code low}, {@code normal} or {@code high}
 * @param sentiment {@code positive}, {@code neutral} or {@code negative}
 * @param refundRequested whether the customer asks for money back
 * @param refundCents the amount asked for, in cents (0 when none)
 * @param summary one sentence for the agent's queue
 */
public record Classification(String category, String priority, String sentiment, boolean refundRequested,
    long refundCents, String summary) {}
