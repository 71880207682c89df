/**
 * The AWS Lambda adapter: not built yet, see the project's issues.
 */
package dev.durable.lambda;
