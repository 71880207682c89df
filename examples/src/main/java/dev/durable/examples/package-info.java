/**
 * Runnable examples; {@link dev.durable.examples.Main} is the demo the README runs.
 */
package dev.durable.examples;
