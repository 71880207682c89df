/** Implementation of the agents module; may change without notice. */
package dev.durable.agents.internal;
