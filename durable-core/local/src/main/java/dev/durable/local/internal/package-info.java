/**
 * Implementation of the embedded runtime: the scheduler loop, the invoker pool, leases, crash
 * backoff and the function registry. Not API: use {@link dev.durable.local.LocalRuntime}.
 */
package dev.durable.local.internal;
