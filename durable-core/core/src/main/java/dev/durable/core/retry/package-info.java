/**
 * Durable retry policies for steps, built on resilience4j-retry's configuration and backoff functions.
 */
package dev.durable.core.retry;
