package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.bench.BenchFunction;
import dev.durable.bench.Harness;
import dev.durable.bench.StepRecord;
import dev.durable.core.DurableListener;
import dev.durable.core.model.InvocationStatus;
import dev.durable.local.Durability;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a check (so not named *Test; surefire runs it only when asked, e.g.
 * {@code -Dtest=WalFramesProbe -Dsurefire.failIfNoSpecifiedTests=false}): WAL frames per write for
 * T1's workload (one run of 500 steps) and T3's (64 concurrent runs of 200 steps), on a store with
 * its checkpoints off, so that the WAL file keeps every frame the workload committed. Prints one
 * line per workload.
 */
class WalFramesProbe {
  private static final long WAL_HEADER = 32;
  private static final long FRAME = 24 + 4096;

  @TempDir Path dir;

  @Test
  void sequentialRun() throws Exception {
    Path file = dir.resolve("t1.db");
    try (SqliteExecutionStore store =
        SqliteExecutionStore.open(file, SqliteStoreOptions.defaults(), false)) {
      long[] before = sample(store, file);
      Harness h = new Harness(new BenchFunction(StepRecord.sample(), false), 500,
          Clock.systemUTC(), store, DurableListener.NONE);
      Harness.expect(h.invoke().output(), InvocationStatus.SUCCEEDED, "the 500-step run");
      report("T1 1x500", before, sample(store, file));
      byOwner("T1 1x500", file, before[0]);
    }
  }

  @Test
  void concurrentRuns() throws Exception {
    Path file = dir.resolve("t3.db");
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try (SqliteExecutionStore store =
        SqliteExecutionStore.open(file, SqliteStoreOptions.defaults(), false)) {
      for (int round = 1; round <= 3; round++) {
        long[] before = sample(store, file);
        List<Harness> runs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          runs.add(new Harness(new BenchFunction(StepRecord.sample(), false), 200,
              Clock.systemUTC(), store, DurableListener.NONE));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Harness.Timed>> done = new ArrayList<>();
        for (Harness h : runs) {
          done.add(pool.submit(() -> {
            go.await();
            return h.invoke();
          }));
        }
        go.countDown();
        for (Future<Harness.Timed> f : done) {
          Harness.expect(f.get().output(), InvocationStatus.SUCCEEDED, "a concurrent run");
        }
        report("T3 64x200 round " + round, before, sample(store, file));
        byOwner("T3 64x200 round " + round, file, before[0]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Which table or index each frame written since frame {@code from} belongs to: a frame's header
   * starts with its page number, and SQLite's dbstat table names each page's owner.
   */
  private static void byOwner(String what, Path file, long from) throws Exception {
    Map<Long, String> owner = new HashMap<>();
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pageno, name FROM dbstat")) {
      while (rs.next()) {
        owner.put(rs.getLong(1), rs.getString(2));
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    try (FileChannel ch = FileChannel.open(Path.of(file + "-wal"), StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(4);
      for (long f = from; WAL_HEADER + (f + 1) * FRAME <= ch.size(); f++) {
        header.clear();
        ch.read(header, WAL_HEADER + f * FRAME);
        long page = header.flip().getInt() & 0xFFFF_FFFFL;
        counts.merge(page == 1 ? "page-1" : owner.getOrDefault(page, "?"), 1L, Long::sum);
      }
    }
    System.out.println("WALPROBE " + what + " frames by owner: " + counts);
  }

  private static long[] sample(SqliteExecutionStore store, Path file) throws Exception {
    Path wal = Path.of(file + "-wal");
    long frames = Files.exists(wal) ? Math.max(0, (Files.size(wal) - WAL_HEADER) / FRAME) : 0;
    var s = store.writerStats();
    return new long[] {frames, s.writes(), s.transactions()};
  }

  private static void report(String what, long[] a, long[] b) {
    long frames = b[0] - a[0];
    long writes = b[1] - a[1];
    long tx = b[2] - a[2];
    assertThat(writes).isPositive();
    System.out.printf(Locale.ROOT, "WALPROBE %s: frames=%d writes=%d tx=%d frames/write=%.2f"
        + " frames/tx=%.2f MB=%.1f%n", what, frames, writes, tx, frames / (double) writes,
        frames / (double) tx, frames * FRAME / 1e6);
  }
}
