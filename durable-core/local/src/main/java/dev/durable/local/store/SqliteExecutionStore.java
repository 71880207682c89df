package dev.durable.local.store;

import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.ExecutionWrite;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.Durability;
import dev.durable.local.LeaseStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded runtime's journal: an {@link ExecutionStore} and {@link LeaseStore} on one SQLite
 * file in WAL mode. Several stores (in several processes) may open the same file; every check is
 * made inside the write transaction, so version conflicts and leases hold across processes.
 *
 * <pre>{@code
 * try (var store = SqliteExecutionStore.open(Path.of("durable.db"), Durability.STRICT)) {
 *   var service = new DurableExecutionService(store, Clock.systemUTC());
 *   service.startExecution("orders", "order-42", "{\"id\":42}", null);
 *   // ... a worker invokes it; a restart resumes it from the file
 * }
 * }</pre>
 *
 * <p>How it works: one committer at a time (a writer thread, or an idle store's caller itself,
 * see {@link GroupCommitWriter}) owns the write connection and commits queued writes in groups, one
 * transaction and one fsync per group ({@link #write} blocks until its group committed); a failed
 * write fails alone. A background thread copies the WAL into the file
 * (PASSIVE checkpoints), off the commit path. Reads run on a small pool of read connections and see
 * every acknowledged write. {@link #load} is two queries however long the history. The schema is
 * versioned and migrated on open; a file of a newer version, of another program, or one that is
 * not a database is refused with a {@link StoreException} that names it. The store takes time
 * only as parameters: it has no clock.
 */
public final class SqliteExecutionStore implements ExecutionStore, LeaseStore {
  /**
   * Counters of the writer since open.
   *
   * @param writes writes and lease changes committed or failed
   * @param transactions transactions they took (fewer than writes when group commit batched)
   * @param largestBatch the most writes one transaction carried
   */
  public record WriterStats(long writes, long transactions, long largestBatch) {}

  // The scheduler's scans name their partial index (INDEXED BY): without statistics SQLite's
  // planner preferred the status index and read EVERY running execution on each tick, so a store
  // holding 15k suspended runs spent a whole core on scans and started only ~250 runs/s.
  private static final String DUE = "SELECT id FROM executions INDEXED BY executions_wake"
      + " WHERE status = 'RUNNING' AND wake_ns IS NOT NULL AND wake_ns <= ?"
      + " ORDER BY wake_ns, id LIMIT ?";
  private static final String AWAITING = "SELECT id FROM executions"
      + " INDEXED BY executions_requested WHERE status = 'RUNNING' AND invocation_requested = 1"
      + " ORDER BY request_order LIMIT ?";
  private static final String PENDING_INVOKES = "SELECT DISTINCT e.id"
      + " FROM operations o INDEXED BY operations_pending_invoke"
      + " CROSS JOIN executions e ON e.seq = o.key >> 32" // operations first: the few pending
      + " WHERE o.pending_invoke = 1 AND e.status = 'RUNNING' LIMIT ?";

  private final Path file;
  private final GroupCommitWriter writer;
  private final Checkpointer checkpointer;
  private final ReadPool readers;

  private SqliteExecutionStore(Path file, GroupCommitWriter writer, Checkpointer checkpointer,
      ReadPool readers) {
    this.file = file;
    this.writer = writer;
    this.checkpointer = checkpointer;
    this.readers = readers;
  }

  /** Opens (creating if needed) the store at {@code file} with default options. */
  public static SqliteExecutionStore open(Path file, Durability durability) {
    return open(file, SqliteStoreOptions.defaults().withDurability(durability));
  }

  /**
   * Opens (creating or migrating if needed) the store at {@code file}.
   *
   * @throws StoreException if the folder is missing or read-only, the file is not a durable-local
   *     store, is truncated, or was written by a newer version
   */
  public static SqliteExecutionStore open(Path file, SqliteStoreOptions options) {
    return open(file, options, true);
  }

  /** {@link #open(Path, SqliteStoreOptions)}; tests turn checkpoints off to keep every commit in the WAL. */
  static SqliteExecutionStore open(Path file, SqliteStoreOptions options, boolean checkpoints) {
    Objects.requireNonNull(options, "options");
    Path abs = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    String path = abs.toString();
    StoreFiles.check(abs);
    List<Connection> opened = new ArrayList<>();
    try {
      Connection w = Connections.open(abs, options, false);
      opened.add(w);
      Schema.migrate(w, path);
      try (var s = w.createStatement()) {
        s.execute("PRAGMA wal_autocheckpoint = 0"); // the Checkpointer's job, off the commit path
      }
      Connection cp = Connections.open(abs, options, false);
      opened.add(cp);
      List<Connection> reads = new ArrayList<>();
      for (int i = 0; i < options.readConnections(); i++) {
        Connection r = Connections.open(abs, options, true);
        opened.add(r);
        reads.add(r);
      }
      Checkpointer checkpointer = new Checkpointer(cp, checkpoints);
      GroupCommitWriter writer =
          new GroupCommitWriter(w, path, options.maxBatch(),
              options.durability() == Durability.STRICT, checkpointer);
      return new SqliteExecutionStore(abs, writer, checkpointer, new ReadPool(reads, path));
    } catch (SQLException | RuntimeException e) {
      for (Connection c : opened) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // already failing
        }
      }
      if (e instanceof SQLException q) {
        throw SqlErrors.translate(q, path, "opening");
      }
      throw (RuntimeException) e;
    }
  }

  /** The store's file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<StoredExecution> load(String executionId) {
    return readers.read(r -> Queries.load(r, executionId));
  }

  @Override
  public Optional<ExecutionRecord> record(String executionId) {
    return readers.read(r -> Queries.record(r, executionId));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A write that adds no operation change and no history event (only the execution row's
   * bookkeeping, e.g. beginning an invocation: a new token, "invocation active") commits without
   * an fsync of its own even in STRICT, like a lease change: it acknowledges no checkpoint, and a
   * power loss can only lose it together with the process that used it, leaving the run as it was
   * before (asking for an invocation). The WAL is one file written in order and SQLite recovers
   * only a prefix of its commits, so it can never survive without the STRICT commits before it,
   * and the next STRICT commit's fsync makes it durable too. That fsync was a fifth of a resume
   * after a callback (T9 in docs/performance.md).
   */
  @Override
  public void write(ExecutionWrite write) {
    Objects.requireNonNull(write, "write");
    Objects.requireNonNull(write.execution(), "execution");
    EncodedWrite encoded = EncodedWrite.of(write);
    GroupCommitWriter.Task<Void> task = sql -> {
      sql.apply(encoded);
      return null;
    };
    if (bookkeepingOnly(write)) {
      writer.submitRelaxed(task);
    } else {
      writer.submit(task);
    }
  }

  /** True for a write that changes only an existing execution's row: no fsync of its own. */
  static boolean bookkeepingOnly(ExecutionWrite write) {
    return write.expectedVersion() >= 0 && write.operations().isEmpty()
        && write.events().isEmpty();
  }

  @Override
  public Optional<String> findByName(String functionName, String executionName) {
    return readers.read(r -> Queries.oneString(r, "SELECT execution_id FROM execution_names"
        + " WHERE function_name = ? AND execution_name = ?", functionName, executionName));
  }

  @Override
  public Optional<String> findByCallbackId(String callbackId) {
    if (callbackId == null) {
      return Optional.empty();
    }
    return readers.read(r -> Queries.oneString(r,
        "SELECT execution_id FROM callbacks WHERE callback_id = ?", callbackId));
  }

  @Override
  public List<String> dueExecutions(Instant now, int limit) {
    Long at = RowCodec.nanos(Objects.requireNonNull(now, "now"));
    return readers.read(r -> Queries.strings(r, DUE, at, limit));
  }

  @Override
  public Optional<Instant> nextWakeAt() {
    return readers.read(Queries::nextWakeAt);
  }

  @Override
  public List<String> executionsAwaitingInvocation(int limit) {
    return readers.read(r -> Queries.strings(r, AWAITING, limit));
  }

  @Override
  public List<String> executionsWithPendingInvokes(int limit) {
    return readers.read(r -> Queries.strings(r, PENDING_INVOKES, limit));
  }

  @Override
  public List<HistoryEvent> history(String executionId) {
    return readers.read(r -> Queries.history(r, executionId));
  }

  @Override
  public List<ExecutionRecord> list(ExecutionQuery query) {
    return readers.read(r -> Queries.list(r, query));
  }

  /**
   * {@inheritDoc} An unknown execution cannot be claimed (false). Leases do not bump versions.
   *
   * <p>Lease changes are RELAXED even in a STRICT store (no fsync of their own; an fsync cost a
   * third of a resume after a callback): losing one to a power loss loses nothing durable. The
   * process that held it died with the power, so the run is simply free again, exactly as after
   * the lease expires; and the invocation's first write (beginning it) is STRICT, whose fsync
   * also makes every earlier WAL frame, this lease included, durable. A lost release delays a
   * takeover by at most the lease time.
   */
  @Override
  public boolean tryAcquire(String executionId, String owner, Instant now, Duration ttl) {
    requireLease(owner, now, ttl);
    return writer.submitRelaxed(sql -> sql.acquire(executionId, owner, now, ttl));
  }

  /** {@inheritDoc} One transaction for all of them, RELAXED like every lease change. */
  @Override
  public List<String> tryAcquireAll(List<String> executionIds, String owner, Instant now,
      Duration ttl) {
    requireLease(owner, now, ttl);
    List<String> ids = List.copyOf(executionIds);
    return writer.submitRelaxed(sql -> {
      List<String> held = new ArrayList<>();
      for (String id : ids) {
        if (sql.acquire(id, owner, now, ttl)) {
          held.add(id);
        }
      }
      return held;
    });
  }

  @Override
  public boolean renew(String executionId, String owner, Instant now, Duration ttl) {
    requireLease(owner, now, ttl);
    return writer.submitRelaxed(sql -> sql.renew(executionId, owner, now, ttl));
  }

  @Override
  public void release(String executionId, String owner) {
    Objects.requireNonNull(owner, "owner");
    writer.submitRelaxed(sql -> sql.release(executionId, owner));
  }

  /** The write connection's {@code PRAGMA synchronous}: 2 (FULL) in STRICT, 1 (NORMAL) in RELAXED. */
  int synchronousLevel() {
    return writer.synchronousLevel();
  }

  /** The writer's counters: compare transactions with writes to see group commit at work. */
  public WriterStats writerStats() {
    long[] s = writer.stats();
    return new WriterStats(s[0], s[1], s[2]);
  }

  /** Commits every queued write, then closes the connections. Idempotent. */
  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      checkpointer.close();
      readers.close(); // the last connection to close checkpoints the WAL into the file
    }
  }

  private static void requireLease(String owner, Instant now, Duration ttl) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(now, "now");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("A lease needs a positive ttl, was " + ttl);
    }
  }

  @Override
  public String toString() {
    return "SqliteExecutionStore[" + file + "]";
  }
}
