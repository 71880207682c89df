package dev.durable.examples.content;

/**
 * The judge's structured answer.
 *
 * @param best 1 or 2: the better draft
 * @param scoreFirst score of draft 1, 1-10
 * @param scoreSecond score of draft 2, 1-10
 * @param reason one sentence
 */
public record Verdict(int best, int scoreFirst, int scoreSecond, String reason) {}
