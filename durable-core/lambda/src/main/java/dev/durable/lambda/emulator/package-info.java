/**
 * A local emulator of the Lambda durable-execution service for tests and development; see
 * {@link dev.durable.lambda.emulator.LambdaEmulator}. Not part of a deployment: the examples'
 * deployment jar leaves this package out.
 */
package dev.durable.lambda.emulator;
