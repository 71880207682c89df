/**
 * The embedded runtime: {@link dev.durable.local.LocalRuntime} runs durable functions on a local
 * journal with a worker and scheduler; {@link dev.durable.local.cli.DurableCli} is its admin CLI.
 */
package dev.durable.local;
