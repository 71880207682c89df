/**
 * Durable AI agents on langchain4j: model calls, tool calls, agent loops and typed pipelines whose
 * every model turn, tool call and approval is a journaled step of a durable function.
 *
 * <p>Entry points: {@link dev.durable.agents.DurableAi} (code-first), {@link dev.durable.agents.Flow}
 * and {@link dev.durable.agents.Pipeline} (the pipeline builder), {@link dev.durable.agents.Agent}
 * (the tool-using loop), {@link dev.durable.agents.DurableTool}, {@link dev.durable.agents.Approver}
 * and {@link dev.durable.agents.ModelProviders}.
 */
package dev.durable.agents;
