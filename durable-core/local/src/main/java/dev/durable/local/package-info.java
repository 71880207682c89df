/**
 * The embedded runtime (SQLite journal, worker, admin CLI): not built yet, see the project's issues.
 */
package dev.durable.local;
