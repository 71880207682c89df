/**
 * How journaled values become strings and back: the {@link dev.durable.core.serde.SerDes} SPI and its Jackson default.
 */
package dev.durable.core.serde;
