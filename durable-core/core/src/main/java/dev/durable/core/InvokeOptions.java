package dev.durable.core;

import dev.durable.core.serde.SerDes;

/**
 * Options of a chained {@link DurableContext#invoke invoke}.
 *
 * @param tenantId optional tenant id passed to the invoked function
 * @param serDes serializer for payload and result, or null for the function's default
 */
public record InvokeOptions(String tenantId, SerDes serDes) {
  /** No tenant, default serializer. */
  public static InvokeOptions defaults() {
    return new InvokeOptions(null, null);
  }
}
