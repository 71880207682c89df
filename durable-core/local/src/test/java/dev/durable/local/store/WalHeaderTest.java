package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.local.Durability;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalHeaderTest {
  @TempDir Path dir;

  /** A store whose last commits are still only in its WAL (checkpoints off), copied while open. */
  private Path storeWithLiveWal() throws Exception {
    Path db = dir.resolve("live.db");
    Path copy = dir.resolve("copy.db");
    try (SqliteExecutionStore store = SqliteExecutionStore.open(db, SqliteStoreOptions.defaults(), false)) {
      store.tryAcquire("none", "w", java.time.Instant.EPOCH, java.time.Duration.ofSeconds(1));
      Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(Path.of(db + "-wal"), Path.of(copy + "-wal"), StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  @Test
  void anIntactWalHeaderPassesTheChecksum() throws Exception {
    Path copy = storeWithLiveWal();
    assertThatCode(() -> StoreFiles.checkWalHeader(copy, Path.of(copy + "-wal"))).doesNotThrowAnyException();
    assertThatCode(() -> SqliteExecutionStore.open(copy, Durability.STRICT).close()).doesNotThrowAnyException();
  }

  @Test
  void aWalHeaderWithAFlippedSaltIsRefusedBeforeSqliteDropsTheLog() throws Exception {
    Path copy = storeWithLiveWal();
    Path wal = Path.of(copy + "-wal");
    long before = Files.size(wal);
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.seek(17);
      int b = f.read();
      f.seek(17);
      f.write(b ^ 0x5a);
    }
    assertThatThrownBy(() -> SqliteExecutionStore.open(copy, Durability.STRICT))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("write-ahead log").hasMessageContaining("checksum does not match")
        .hasMessageContaining(copy.toString());
    org.assertj.core.api.Assertions.assertThat(Files.size(wal)).as("left untouched").isEqualTo(before);
  }
}
