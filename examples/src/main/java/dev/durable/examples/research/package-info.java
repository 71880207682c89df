/** The deep-research example: a long agent loop with a token budget that pauses for approval, and model fallback. */
package dev.durable.examples.research;
