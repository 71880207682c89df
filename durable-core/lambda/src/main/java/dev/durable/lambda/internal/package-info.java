/** Implementation of the Lambda adapter: envelope codec, SDK model mapping, the service client. */
package dev.durable.lambda.internal;
