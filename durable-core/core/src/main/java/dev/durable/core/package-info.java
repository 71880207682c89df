/**
 * The API a workflow author uses: {@link dev.durable.core.DurableFunction}, {@link dev.durable.core.DurableContext} and its operations, their options, results and exceptions. Everything under {@code .internal} is implementation and may change without notice.
 */
package dev.durable.core;
