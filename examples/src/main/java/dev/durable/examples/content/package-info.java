/**
 * The content-pipeline example: a fluent {@link dev.durable.agents.Flow} that researches with
 * {@code forEach}, drafts in parallel with two models, judges, asks an editor and publishes.
 */
package dev.durable.examples.content;
