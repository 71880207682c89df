/**
 * The {@code durable} admin CLI on picocli: {@link dev.durable.local.cli.DurableCli} runs it for any
 * application that registers its durable functions.
 */
package dev.durable.local.cli;
