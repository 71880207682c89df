/**
 * Runs durable functions as AWS Lambda durable functions: {@link dev.durable.lambda.DurableHandler}
 * turns a {@link dev.durable.core.DurableFunction} into a Lambda {@code RequestStreamHandler} that
 * speaks the durable-execution wire protocol through the AWS SDK's {@code LambdaClient}.
 * The local service emulator for tests and development lives in {@code dev.durable.lambda.emulator}.
 */
package dev.durable.lambda;
