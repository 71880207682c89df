package dev.durable.examples.research;

import java.util.List;

/**
 * What the deep-research agent returns.
 *
 * @param question the question
 * @param answer the final report
 * @param turns model turns taken
 * @param tokens tokens spent (journaled usage)
 * @param modelsUsed which model answered each turn (the fallback shows here)
 * @param sources the pages it read
 */
public record ResearchReport(String question, String answer, int turns, long tokens, List<String> modelsUsed,
    List<String> sources) {}
