package dev.durable.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical references of the storage rows, measured on the same disk as the store and in the
 * same run (performance-limits.md, Appendix A): what one durable append costs, what a
 * purpose-built group-commit journal reaches with many writers, and what SQLite alone reaches.
 */
public final class Probes {
  private static final int RECORD = 200;

  private Probes() {}

  /**
   * F: p50 nanoseconds of one 200-byte append followed by {@code FileChannel.force(false)}, over
   * {@code n} appends (after 50 untimed ones) to a fresh file in {@code folder}.
   */
  public static long fsyncP50(Path folder, int n) throws IOException {
    Path file = Files.createTempFile(folder, "fsync-probe", ".bin");
    long[] times = new long[n];
    ByteBuffer record = ByteBuffer.allocate(RECORD);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int i = -50; i < n; i++) {
        record.clear();
        long t0 = System.nanoTime();
        ch.write(record);
        ch.force(false);
        if (i >= 0) {
          times[i] = System.nanoTime() - t0;
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(times);
    return times[n / 2];
  }

  /**
   * Throughput in records per second of a raw group-commit journal: {@code producers} threads each
   * append a 200-byte record and wait until it is durable, for {@code millis}; one writer thread
   * drains up to {@code maxBatch} queued records, writes them and forces once per batch.
   */
  public static double groupCommitPerSecond(Path folder, int producers, int maxBatch, long millis)
      throws Exception {
    Path file = Files.createTempFile(folder, "group-probe", ".bin");
    LinkedBlockingQueue<CountDownLatch> queue = new LinkedBlockingQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean producersDone = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      Thread writer = new Thread(() -> {
        List<CountDownLatch> batch = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(RECORD * maxBatch);
        try {
          // until every producer has ended: one that saw stop unset just before it was set may
          // still enqueue, and would wait forever if the writer had left on an empty queue
          while (!producersDone.get() || !queue.isEmpty()) {
            CountDownLatch first = queue.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (first == null) {
              continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            buf.clear().limit(RECORD * batch.size());
            while (buf.hasRemaining()) {
              ch.write(buf);
            }
            ch.force(false);
            batch.forEach(CountDownLatch::countDown);
            batch.clear();
          }
        } catch (Exception e) {
          throw new IllegalStateException("group-commit probe failed", e);
        }
      }, "group-probe-writer");
      writer.start();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        Thread t = new Thread(() -> {
          while (!stop.get()) {
            CountDownLatch l = new CountDownLatch(1);
            queue.add(l);
            try {
              l.await();
            } catch (InterruptedException e) {
              return;
            }
            done.incrementAndGet();
          }
        }, "group-probe-" + p);
        threads.add(t);
      }
      long t0 = System.nanoTime();
      threads.forEach(Thread::start);
      Thread.sleep(millis);
      long count = done.get();
      long elapsed = System.nanoTime() - t0;
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      producersDone.set(true);
      writer.join();
      return count * 1e9 / elapsed;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Rows per second that SQLite alone commits durably, with no engine and no store around it: one
   * connection (WAL, {@code synchronous=FULL}, as the store's STRICT mode) inserts rows of
   * {@code rowBytes} random bytes into {@code (k INTEGER PRIMARY KEY, v BLOB)}, {@code batch} rows
   * per transaction, for {@code millis} (after {@code millis / 4} untimed). With the payload of a
   * step and the batch the store's writer formed, this is the most a single SQLite writer can do
   * with those bytes on this disk: the floor under T3.
   */
  public static double sqliteInsertsPerSecond(Path folder, int rowBytes, int batch, long millis)
      throws SQLException, IOException {
    Path file = Files.createTempFile(folder, "sqlite-floor", ".db");
    byte[] row = new byte[rowBytes];
    new java.util.Random(rowBytes).nextBytes(row); // incompressible, like any payload to the disk
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = FULL");
      s.execute("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB)");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t(v) VALUES(?)")) {
        insertFor(s, insert, row, batch, millis / 4);
        return insertFor(s, insert, row, batch, millis);
      }
    } finally {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    }
  }

  private static double insertFor(Statement s, PreparedStatement insert, byte[] row, int batch,
      long millis) throws SQLException {
    long t0 = System.nanoTime();
    long until = t0 + millis * 1_000_000;
    long rows = 0;
    do {
      s.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < batch; i++) {
        insert.setBytes(1, row);
        insert.executeUpdate();
      }
      s.execute("COMMIT");
      rows += batch;
    } while (System.nanoTime() < until);
    return rows * 1e9 / (System.nanoTime() - t0);
  }

  /** A fresh temporary folder (on the same disk as the JVM's temp dir) and a deleter for it. */
  static Path tempFolder() throws IOException {
    return Files.createTempDirectory("durable-bench");
  }

  /** Deletes {@code folder} and its files; best effort. */
  static void delete(Path folder) {
    try (var files = Files.list(folder)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
