/** What the examples share: model selection (Bedrock or offline), approval channels from the environment. */
package dev.durable.examples.common;
