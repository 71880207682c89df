package dev.durable.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The disk's floor for one durable record, measured in the same run as the benchmark it anchors:
 * {@code n} appends of 200 bytes, each followed by {@code FileChannel.force(false)}, in the folder
 * the store lives in (reference: performance-limits.md, probe F).
 */
public final class FsyncFloor {
  private static final int RECORD = 200;
  private static final int WARMUP = 50;

  private FsyncFloor() {}

  /** The p50 of {@code n} append + force pairs in {@code folder}, in nanoseconds. */
  public static double p50Nanos(Path folder, int n) throws IOException {
    Path file = Files.createTempFile(folder, "fsync-probe", ".bin");
    long[] nanos = new long[n];
    ByteBuffer record = ByteBuffer.allocate(RECORD);
    Arrays.fill(record.array(), (byte) 'x');
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int i = -WARMUP; i < n; i++) {
        record.clear();
        long t0 = System.nanoTime();
        while (record.hasRemaining()) {
          ch.write(record);
        }
        ch.force(false);
        if (i >= 0) {
          nanos[i] = System.nanoTime() - t0;
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return Stats.median(nanos);
  }
}
