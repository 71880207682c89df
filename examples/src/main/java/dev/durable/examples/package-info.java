/**
 * Runnable examples; {@link dev.durable.examples.Main} is the {@code durable} CLI jar with the
 * examples registered, and its {@code demo} command is what the README runs.
 */
package dev.durable.examples;
