/**
 * The seed order workflow: validate, charge at most once per attempt, wait, complete.
 */
package dev.durable.examples.order;
