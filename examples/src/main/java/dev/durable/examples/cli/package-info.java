/** The examples' CLI commands: {@code demo}, {@code run} and {@code serve}, and the wiring of the examples. */
package dev.durable.examples.cli;
