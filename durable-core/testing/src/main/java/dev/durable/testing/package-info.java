/**
 * Test kit: run durable functions in memory with time skipping ({@link dev.durable.testing.DurableTestRunner}) and prove them crash-safe ({@link dev.durable.testing.CrashPointExplorer}).
 */
package dev.durable.testing;
