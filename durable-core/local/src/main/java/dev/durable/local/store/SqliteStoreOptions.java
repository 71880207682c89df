package dev.durable.local.store;

import dev.durable.local.Durability;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of a {@link SqliteExecutionStore}; {@link #defaults()} fits almost everyone.
 *
 * <pre>{@code
 * var store = SqliteExecutionStore.open(Path.of("durable.db"),
 *     SqliteStoreOptions.defaults().withDurability(Durability.RELAXED));
 * }</pre>
 *
 * @param durability what a commit may lose on a crash (see {@link Durability})
 * @param maxBatch at most this many writes share one transaction (group commit); 1 disables batching
 * @param busyTimeout how long a write or read waits for another process's lock before failing
 * @param readConnections size of the read-connection pool (concurrent readers)
 */
public record SqliteStoreOptions(
    Durability durability, int maxBatch, Duration busyTimeout, int readConnections) {

  /** Validates the options. */
  public SqliteStoreOptions {
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    if (maxBatch < 1 || maxBatch > 100_000) {
      throw new IllegalArgumentException("maxBatch must be 1..100000, was " + maxBatch);
    }
    if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("busyTimeout must be 0..24 days, was " + busyTimeout);
    }
    if (readConnections < 1 || readConnections > 64) {
      throw new IllegalArgumentException("readConnections must be 1..64, was " + readConnections);
    }
  }

  /**
   * STRICT, up to 4096 writes per transaction (beyond that a batch's commit latency grows while the
   * per-write cost no longer falls), a 10 s busy timeout (a CLI in another process holds the write
   * lock for milliseconds), 4 read connections.
   */
  public static SqliteStoreOptions defaults() {
    return new SqliteStoreOptions(Durability.STRICT, 4096, Duration.ofSeconds(10), 4);
  }

  /** A copy with another durability mode. */
  public SqliteStoreOptions withDurability(Durability d) {
    return new SqliteStoreOptions(d, maxBatch, busyTimeout, readConnections);
  }

  /** A copy with another group-commit batch limit. */
  public SqliteStoreOptions withMaxBatch(int n) {
    return new SqliteStoreOptions(durability, n, busyTimeout, readConnections);
  }

  /** A copy with another busy timeout. */
  public SqliteStoreOptions withBusyTimeout(Duration t) {
    return new SqliteStoreOptions(durability, maxBatch, t, readConnections);
  }

  /** A copy with another read-pool size. */
  public SqliteStoreOptions withReadConnections(int n) {
    return new SqliteStoreOptions(durability, maxBatch, busyTimeout, n);
  }
}
