package dev.durable.local.store;

import static dev.durable.local.store.Fixtures.create;
import static dev.durable.local.store.Fixtures.row;
import static dev.durable.local.store.Fixtures.step;
import static dev.durable.local.store.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.Durability;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged file must either open to a consistent earlier state (one that was committed) or fail
 * with a clear error; it must never return data that was never written. Each test asserts which
 * of the two happened.
 */
class CorruptionTest {
  private static final int WRITES = 40;
  @TempDir Path dir;

  /** Writes WRITES versions of execution "a" and returns the state after each. */
  private static List<StoredExecution> writeHistory(SqliteExecutionStore s) {
    List<StoredExecution> states = new ArrayList<>();
    s.write(create(row("a", ExecutionStatus.RUNNING, null, false), step("s0", 1, "0")));
    states.add(s.load("a").orElseThrow());
    for (int v = 0; v < WRITES - 1; v++) {
      s.write(update(v, row("a", ExecutionStatus.RUNNING, null, v % 2 == 0),
          step("s" + (v + 1), v + 2, "\"" + "p".repeat(600) + v + "\"")));
      states.add(s.load("a").orElseThrow());
    }
    return states;
  }

  /** A copy of the store's files as a crash would leave them: the main file and its WAL. */
  private Path crashImage(Path file, String name) throws Exception {
    Path folder = Files.createDirectory(dir.resolve(name));
    Files.copy(file, folder.resolve("s.db"));
    Files.copy(Path.of(file + "-wal"), folder.resolve("s.db-wal"));
    return folder.resolve("s.db");
  }

  private static Optional<StoredExecution> openAndLoad(Path file) {
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file, Durability.STRICT)) {
      return s.load("a");
    }
  }

  @Test
  void aCrashImageWithAnIntactWalRecoversEveryCommit() throws Exception {
    Path file = dir.resolve("s.db");
    Path image;
    List<StoredExecution> states;
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file, Durability.STRICT)) {
      states = writeHistory(s);
      image = crashImage(file, "intact");
    }
    assertThat(Files.size(Path.of(image + "-wal"))).as("the commits are in the WAL").isPositive();
    assertThat(openAndLoad(image)).contains(states.get(WRITES - 1));
  }

  @Test
  void aCorruptWalTailRollsBackToAnEarlierCommittedStateOrFailsClearly() throws Exception {
    Path file = dir.resolve("s.db");
    List<StoredExecution> states;
    Path flipped;
    Path cut;
    // without background checkpoints every commit stays in the WAL, so the damage hits commits
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file,
        SqliteStoreOptions.defaults(), false)) {
      states = writeHistory(s);
      flipped = crashImage(file, "flipped");
      cut = crashImage(file, "cut");
    }
    try (RandomAccessFile wal = new RandomAccessFile(flipped + "-wal", "rw")) {
      for (long at = wal.length() - 300; at < wal.length(); at += 7) {
        wal.seek(at);
        int b = wal.read();
        wal.seek(at);
        wal.write(b ^ 0x5A);
      }
    }
    try (RandomAccessFile wal = new RandomAccessFile(cut + "-wal", "rw")) {
      wal.setLength(wal.length() - 2000); // mid-frame: the last commits are incomplete
    }
    for (Path image : List.of(flipped, cut)) {
      Optional<StoredExecution> recovered;
      try {
        recovered = openAndLoad(image);
      } catch (StoreException clearError) {
        assertThat(clearError).hasMessageContaining(image.toString());
        continue;
      }
      assertThat(recovered).as("an earlier committed state of " + image).isPresent();
      assertThat(states).as(image.toString()).contains(recovered.get());
      assertThat(recovered.get().version()).as("the damaged last commit is gone")
          .isLessThan(WRITES - 1);
    }
  }

  /**
   * A crash in the middle of a checkpoint: SQLite copies pages from the WAL into the main file in
   * page order, so page 1 (whose header holds the new page count) can land before the file grows.
   * The WAL still holds every page, so the store is sound and must open with every commit.
   */
  @Test
  void aCheckpointCutShortAfterPageOneIsNotMistakenForTruncation() throws Exception {
    Path file = dir.resolve("s.db");
    SqliteExecutionStore.open(file, Durability.STRICT).close(); // schema only, checkpointed on close
    List<StoredExecution> states;
    Path image;
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file, SqliteStoreOptions.defaults(), false)) {
      states = writeHistory(s);
      image = crashImage(file, "mid-checkpoint");
    }
    byte[] wal = Files.readAllBytes(Path.of(image + "-wal"));
    int pageSize = java.nio.ByteBuffer.wrap(wal).getInt(8);
    byte[] pageOne = null;
    for (int at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
      if (java.nio.ByteBuffer.wrap(wal).getInt(at) == 1) {
        pageOne = java.util.Arrays.copyOfRange(wal, at + 24, at + 24 + pageSize);
      }
    }
    assertThat(pageOne).as("the WAL holds a newer page 1").isNotNull();
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      raf.seek(0);
      raf.write(pageOne);
    }
    long claimed = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(pageOne).getInt(28)) * pageSize;
    assertThat(Files.size(image)).as("the file is shorter than its new header says").isLessThan(claimed);
    assertThat(openAndLoad(image)).contains(states.get(WRITES - 1));
  }

  @Test
  void aTruncatedMainFileIsRefusedWithAClearError() throws Exception {
    Path file = dir.resolve("s.db");
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file, Durability.STRICT)) {
      writeHistory(s);
    }
    assertThat(Path.of(file + "-wal")).as("close checkpointed the WAL").satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(Files.size(p)).isZero());
    for (long keep : List.of(Files.size(file) / 2, Files.size(file) - 1000, 4096L + 17)) {
      Path copy = dir.resolve("cut-" + keep + ".db");
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
        raf.setLength(keep);
      }
      assertThatThrownBy(() -> openAndLoad(copy)).as("kept " + keep + " bytes")
          .isInstanceOf(StoreException.class).hasMessageContaining(copy.toString())
          .hasMessageContaining("truncated");
    }
    Path headerOnly = dir.resolve("header-only.db");
    Files.write(headerOnly, java.util.Arrays.copyOf(Files.readAllBytes(file), 50));
    assertThatThrownBy(() -> openAndLoad(headerOnly)).isInstanceOf(StoreException.class)
        .hasMessageContaining("not a SQLite database");
  }
}
