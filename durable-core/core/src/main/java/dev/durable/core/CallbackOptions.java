package dev.durable.core;

import dev.durable.core.serde.SerDes;
import java.time.Duration;

/**
 * Options of a callback: how long to wait for completion and for heartbeats.
 *
 * @param timeout fail with {@link CallbackTimeoutException} if not completed within this; null = no timeout
 * @param heartbeatTimeout fail if no heartbeat (or completion) arrives within this; null = none
 * @param serDes serializer for the result, or null for the function's default
 */
public record CallbackOptions(Duration timeout, Duration heartbeatTimeout, SerDes serDes) {
  private static final CallbackOptions NONE = new CallbackOptions(null, null, null);

  /** No timeout: wait as long as the execution may live. */
  public static CallbackOptions defaults() {
    return NONE;
  }

  /** Time out after {@code timeout}. */
  public static CallbackOptions timeout(Duration timeout) {
    return new CallbackOptions(timeout, null, null);
  }

  /** A copy with a heartbeat timeout. */
  public CallbackOptions withHeartbeatTimeout(Duration heartbeat) {
    return new CallbackOptions(timeout, heartbeat, serDes);
  }

  /** A copy with another serializer for the result. */
  public CallbackOptions withSerDes(SerDes newSerDes) {
    return new CallbackOptions(timeout, heartbeatTimeout, newSerDes);
  }
}
