/**
 * The examples deployed as durable Lambda functions ({@code examples/target/durable-functions.jar},
 * {@code examples/template.yaml}); see {@code docs/deploy-lambda.md}.
 */
package dev.durable.examples.lambda;
