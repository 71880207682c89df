/**
 * The replay engine. Not API: classes here change freely.
 */
package dev.durable.core.internal;
