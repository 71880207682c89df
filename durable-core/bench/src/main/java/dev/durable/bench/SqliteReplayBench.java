package dev.durable.bench;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.durable.core.DurableListener;
import dev.durable.core.model.InvocationStatus;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.local.Durability;
import dev.durable.local.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * T6, replay of a {@code steps}-step history from SQLite, warm: a function runs its steps and then
 * waits (the wait never fires: the clock is fixed), so every later invocation loads the suspended
 * execution from the store (one query for the row, one for the operations) and replays every step
 * without running a body. Timed: {@code beginInvocation} + {@code DurableExecutor.invoke} of such
 * a replay. The reference, on its own connection to the same file: one {@code SELECT} of the
 * execution's operation rows ({@code start_seq, type, payload}) plus a Jackson decode of each step
 * payload into {@link StepRecord}. Ratio = replay / reference, target at most 2.0. The history is
 * recorded in RELAXED mode to keep the suite short; durability does not change what a read costs.
 */
public final class SqliteReplayBench {
  /** The target id. */
  public static final String ID = "T6";
  /** The largest passing ratio. */
  public static final double TARGET = 2.0;
  private static final String NAME = "replay-db";
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

  private final BenchConfig config;
  private final Progress progress;
  private final StepRecord payload = StepRecord.sample();
  private final ObjectReader reader = JacksonSerDes.defaultMapper().readerFor(StepRecord.class);

  /** A benchmark replaying {@code config.steps()} steps per run. */
  public SqliteReplayBench(BenchConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Records the history, runs warm-up and timed replays, and returns the row. */
  public Row run() throws Exception {
    int n = config.steps();
    Path folder = Probes.tempFolder();
    Path file = folder.resolve("t6.db");
    try (SqliteExecutionStore store = SqliteExecutionStore.open(file, Durability.RELAXED);
        Connection ref = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      BenchFunction fn = new BenchFunction(payload, true);
      Harness h = new Harness(fn, n, FIXED, store, DurableListener.NONE);
      progress.phase("recording " + n + " steps");
      Harness.Timed first = h.invoke();
      Harness.expect(first.output(), InvocationStatus.PENDING, "the recording invocation");
      String id = h.arn().substring(h.arn().lastIndexOf('/') + 1);
      PreparedStatement select = ref.prepareStatement(
          "SELECT o.start_seq, o.type, o.payload FROM executions x JOIN operations o"
              + " ON o.key BETWEEN x.seq << 32 AND (x.seq << 32) | 0xFFFFFFFF WHERE x.id = ?"
              + " ORDER BY o.key");
      select.setString(1, id);
      for (int i = 1; i <= config.warmupRuns(); i++) {
        progress.phase("warm-up " + i + "/" + config.warmupRuns());
        replay(h, fn);
        reference(select, n);
      }
      long[] replay = new long[config.timedRuns()];
      long[] begin = new long[config.timedRuns()];
      long[] reference = new long[config.timedRuns()];
      for (int i = 0; i < config.timedRuns(); i++) {
        progress.phase("timed replay " + (i + 1) + "/" + config.timedRuns());
        Harness.Timed t = replay(h, fn);
        replay[i] = t.begin() + t.invoke();
        begin[i] = t.begin();
        reference[i] = reference(select, n);
      }
      double replayNanos = Stats.median(replay);
      double refNanos = Stats.median(reference);
      Map<String, String> m = new LinkedHashMap<>();
      m.put("replay", Stats.duration(replayNanos));
      m.put("read+decode", Stats.duration(refNanos));
      m.put("load", Stats.duration(Stats.median(begin)));
      m.put("per-op", Stats.duration(replayNanos / n));
      m.put("record-run", Stats.duration(first.total()));
      m.put("ops", Integer.toString(n));
      return new Row(ID, NAME, replayNanos / refNanos, TARGET, m);
    } finally {
      Probes.delete(folder);
    }
  }

  private Harness.Timed replay(Harness h, BenchFunction fn) {
    long before = fn.bodyRuns();
    fn.clearLast();
    Harness.Timed t = h.invoke();
    Harness.expect(t.output(), InvocationStatus.PENDING, "the replaying invocation");
    if (fn.bodyRuns() != before || !payload.equals(fn.last())) {
      throw new IllegalStateException("the replay ran " + (fn.bodyRuns() - before)
          + " step bodies or returned a wrong last result: " + fn.last());
    }
    return t;
  }

  /** One SELECT of the rows and a decode of every step payload; returns the nanoseconds. */
  private long reference(PreparedStatement select, int n) throws Exception {
    long t0 = System.nanoTime();
    int decoded = 0;
    StepRecord last = null;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rs.getLong(1);
        String type = rs.getString(2);
        String p = rs.getString(3);
        if ("STEP".equals(type)) {
          last = reader.readValue(p);
          decoded++;
        }
      }
    }
    long nanos = System.nanoTime() - t0;
    if (decoded != n || !payload.equals(last)) {
      throw new IllegalStateException("the reference decoded " + decoded + " of " + n + " steps");
    }
    return nanos;
  }
}
