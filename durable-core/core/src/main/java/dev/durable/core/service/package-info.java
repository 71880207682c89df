/**
 * The durable-execution service: the SPI the engine talks to ({@link dev.durable.core.service.DurableService}), the service-side semantics implemented once ({@link dev.durable.core.service.DurableExecutionService}), and the storage SPI under it.
 */
package dev.durable.core.service;
