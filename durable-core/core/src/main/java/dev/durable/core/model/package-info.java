/**
 * The journal model of the Lambda durable-execution service: operations, updates, statuses, errors, history events and the invocation envelope. Immutable records that serialize to the service's PascalCase JSON.
 */
package dev.durable.core.model;
