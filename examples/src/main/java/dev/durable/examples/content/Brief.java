package dev.durable.examples.content;

import java.util.List;

/**
 * What the editor asks for.
 *
 * @param title working title
 * @param audience who reads it
 * @param topics what to research, one source search each
 */
public record Brief(String title, String audience, List<String> topics) {
  public Brief {
    topics = List.copyOf(topics);
  }

  /** The brief the demo and the tests use. */
  public static Brief sample() {
    return new Brief("Durable execution for AI agents", "backend engineers",
        List.of("checkpoint and replay", "human approval in workflows", "cost of repeated LLM calls"));
  }
}
