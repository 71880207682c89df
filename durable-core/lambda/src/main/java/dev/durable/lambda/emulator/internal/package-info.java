/** Implementation of the emulator: REST routing, wire shapes, the invoker. */
package dev.durable.lambda.emulator.internal;
