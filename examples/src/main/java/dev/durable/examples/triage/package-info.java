/** The support-triage example: an agent with tools, a structured classifier and a human-approved refund. */
package dev.durable.examples.triage;
