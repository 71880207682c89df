package dev.durable.local;

import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.service.ExecutionStore;
import dev.durable.local.internal.Checks;
import dev.durable.local.internal.RuntimeSettings;
import dev.durable.local.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Configures a {@link LocalRuntime}. Every setting has a default; a store is the only thing most
 * applications set.
 *
 * <pre>{@code
 * LocalRuntime rt = LocalRuntime.builder()
 *     .storePath(Path.of("durable.db"))     // or .store(store, leases) for tests
 *     .durability(Durability.STRICT)
 *     .workerThreads(4)
 *     .pollInterval(Duration.ofMillis(100))
 *     .build();
 * }</pre>
 */
public final class LocalRuntimeBuilder {
  private Path storePath = Path.of("durable.db");
  private ExecutionStore store;
  private LeaseStore leases;
  private Durability durability = Durability.STRICT;
  private int workerThreads = 4;
  private Duration pollInterval = Duration.ofMillis(100);
  private String workerId;
  private Clock clock;
  private Duration leaseTtl = Duration.ofSeconds(15);
  private Duration shutdownTimeout = Duration.ofSeconds(10);
  private Consumer<RuntimeEvent> listener = e -> {};

  LocalRuntimeBuilder() {}

  /** The SQLite journal file (default {@code durable.db} in the working directory); created if missing. */
  public LocalRuntimeBuilder storePath(Path path) {
    this.storePath = Checks.notNull(path, "storePath", "pass e.g. Path.of(\"durable.db\")");
    this.store = null;
    this.leases = null;
    return this;
  }

  /** A store that is also its own lease table (the SQLite store is). Not closed by the runtime. */
  public <S extends ExecutionStore & LeaseStore> LocalRuntimeBuilder store(S storeAndLeases) {
    return store(storeAndLeases, storeAndLeases);
  }

  /**
   * A store and a lease table given separately, e.g. an {@code InMemoryExecutionStore} with an
   * {@link InMemoryLeaseStore}. Runtimes that share a store must share its lease table. Neither is
   * closed by the runtime.
   */
  public LocalRuntimeBuilder store(ExecutionStore store, LeaseStore leases) {
    this.store = Checks.notNull(store, "store", "pass an ExecutionStore, e.g. new InMemoryExecutionStore()");
    this.leases = Checks.notNull(leases, "leases", "pass the store's LeaseStore, e.g. new InMemoryLeaseStore()");
    return this;
  }

  /** How hard the SQLite store works to keep commits (default STRICT); see {@link Durability}. */
  public LocalRuntimeBuilder durability(Durability durability) {
    this.durability = Checks.notNull(durability, "durability", "pass Durability.STRICT or Durability.RELAXED");
    return this;
  }

  /** Invocations that may run at once (default 4, 1..1024). Suspended runs need no thread. */
  public LocalRuntimeBuilder workerThreads(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalDurableOperationException("workerThreads must be 1..1024 (got " + threads
          + "); pass e.g. 4.");
    }
    this.workerThreads = threads;
    return this;
  }

  /**
   * How often the scheduler looks at the store for work written by other processes and for due
   * timers (default 100 ms, 1 ms..1 min). Work created through this runtime is picked up at once.
   */
  public LocalRuntimeBuilder pollInterval(Duration interval) {
    Checks.positive(interval, "pollInterval", "Duration.ofMillis(100)");
    if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalDurableOperationException("pollInterval must be between 1 ms and 1 minute (got "
          + interval + "); pass e.g. Duration.ofMillis(100).");
    }
    this.pollInterval = interval;
    return this;
  }

  /**
   * The id this worker claims leases under (default host-pid-random). Must be unique among live
   * workers on one store; reusing a dead worker's id lets a restart take its runs over at once
   * instead of after the lease time.
   */
  public LocalRuntimeBuilder workerId(String id) {
    this.workerId = Checks.notBlank(id, "workerId", "\"host-123\"");
    return this;
  }

  /** The only source of time for the runtime and its workflows (default the system UTC clock). */
  public LocalRuntimeBuilder clock(Clock clock) {
    this.clock = Checks.notNull(clock, "clock", "pass e.g. Clock.systemUTC()");
    return this;
  }

  /** How long a claim on a run lasts without renewal (default 15 s, at least 1 s). */
  public LocalRuntimeBuilder leaseTtl(Duration ttl) {
    Checks.positive(ttl, "leaseTtl", "Duration.ofSeconds(15)");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalDurableOperationException("leaseTtl must be at least 1 second (got " + ttl
          + "); pass e.g. Duration.ofSeconds(15).");
    }
    this.leaseTtl = ttl;
    return this;
  }

  /** How long {@link LocalRuntime#close()} waits for running invocations (default 10 s). */
  public LocalRuntimeBuilder shutdownTimeout(Duration timeout) {
    this.shutdownTimeout = Checks.positive(timeout, "shutdownTimeout", "Duration.ofSeconds(10)");
    return this;
  }

  /** Receives worker events (invocation ended or crashed, run recovered, child started). */
  public LocalRuntimeBuilder onEvent(Consumer<RuntimeEvent> listener) {
    this.listener = Checks.notNull(listener, "listener", "pass e.g. e -> System.out.println(e)");
    return this;
  }

  /** Opens the store (unless one was given) and builds the runtime; the worker is not started. */
  public LocalRuntime build() {
    Clock c = clock != null ? clock : Clock.systemUTC(); // the one place the system clock is read
    ExecutionStore s = store;
    LeaseStore l = leases;
    boolean owns = false;
    if (s == null) {
      SqliteExecutionStore sqlite = SqliteExecutionStore.open(storePath, durability);
      s = sqlite;
      l = sqlite;
      owns = true;
    }
    String id = workerId != null ? workerId : RuntimeSettings.defaultWorkerId();
    return new LocalRuntime(new RuntimeSettings(s, l, owns, c, workerThreads, pollInterval, id,
        leaseTtl, shutdownTimeout, listener));
  }
}
