/**
 * Running without a provider: {@link dev.durable.agents.offline.ScriptedChatModel} (a scripted fake
 * for demos and tests) and {@link dev.durable.agents.offline.Cassette} (record real exchanges once,
 * replay them offline).
 */
package dev.durable.agents.offline;
