/**
 * The embedded journal: {@link dev.durable.local.store.SqliteExecutionStore}, the SQLite
 * implementation of the core's {@link dev.durable.core.service.ExecutionStore} SPI (WAL, one
 * group-committing writer at a time, versioned schema, leases for several processes on one file).
 * Everything but the store, its options and its exception is package-private.
 */
package dev.durable.local.store;
