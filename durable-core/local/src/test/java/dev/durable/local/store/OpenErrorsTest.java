package dev.durable.local.store;

import static dev.durable.local.store.Fixtures.create;
import static dev.durable.local.store.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.local.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad paths and foreign files are refused with an error that names them; nothing is changed. */
class OpenErrorsTest {
  @TempDir Path dir;

  private static void sql(Path file, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  @Test
  void aMissingFolderIsNamed() {
    Path file = dir.resolve("no/such/folder/store.db");
    assertThatThrownBy(() -> SqliteExecutionStore.open(file, Durability.STRICT))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
    assertThat(dir.resolve("no")).doesNotExist();
  }

  @Test
  void aReadOnlyFolderOrFileIsRefused() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> SqliteExecutionStore.open(folder.resolve("s.db"),
          Durability.STRICT)).isInstanceOf(StoreException.class)
          .hasMessageContaining(folder.toString()).hasMessageContaining("read-only");
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path file = dir.resolve("ro.db");
    SqliteExecutionStore.open(file, Durability.STRICT).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    assertThatThrownBy(() -> SqliteExecutionStore.open(file, Durability.STRICT))
        .isInstanceOf(StoreException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("read-only");
  }

  @Test
  void aFileThatIsNotADatabaseIsLeftUntouched() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "my precious notes, not a database at all".repeat(10));
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> SqliteExecutionStore.open(file, Durability.STRICT))
        .isInstanceOf(StoreException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("not a SQLite database");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    Path folder = Files.createDirectory(dir.resolve("a-folder.db"));
    assertThatThrownBy(() -> SqliteExecutionStore.open(folder, Durability.STRICT))
        .isInstanceOf(StoreException.class).hasMessageContaining("is a folder");
  }

  @Test
  void anotherProgramsDatabaseIsRefused() throws Exception {
    Path file = dir.resolve("app.db");
    sql(file, "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO customers(name) VALUES('Ada')");
    assertThatThrownBy(() -> SqliteExecutionStore.open(file, Durability.STRICT))
        .isInstanceOf(StoreException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("another program").hasMessageContaining("customers");
    Path lookalike = dir.resolve("lookalike.db");
    sql(lookalike, "CREATE TABLE schema_version(v TEXT)");
    assertThatThrownBy(() -> SqliteExecutionStore.open(lookalike, Durability.STRICT))
        .isInstanceOf(StoreException.class).hasMessageContaining("not written by durable-local");
  }

  @Test
  void aStoreOfANewerSchemaIsRefusedAndLeftAsItWas() throws Exception {
    Path file = dir.resolve("future.db");
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file, Durability.STRICT)) {
      s.write(create(row("a", ExecutionStatus.RUNNING, null, false)));
    }
    sql(file, "UPDATE schema_version SET version = " + (Schema.CURRENT + 1));
    assertThatThrownBy(() -> SqliteExecutionStore.open(file, Durability.STRICT))
        .isInstanceOf(StoreException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("newer durable-local")
        .hasMessageContaining("schema version " + (Schema.CURRENT + 1));
    sql(file, "UPDATE schema_version SET version = " + Schema.CURRENT);
    try (SqliteExecutionStore s = SqliteExecutionStore.open(file, Durability.STRICT)) {
      assertThat(s.load("a")).isPresent();
    }
  }

  @Test
  void anEmptyFileOrEmptyDatabaseBecomesAStore() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.db"));
    try (SqliteExecutionStore s = SqliteExecutionStore.open(empty, Durability.RELAXED)) {
      s.write(create(row("a", ExecutionStatus.RUNNING, null, false)));
    }
    Path blank = dir.resolve("blank.db");
    sql(blank, "PRAGMA user_version = 0", "VACUUM");
    try (SqliteExecutionStore s = SqliteExecutionStore.open(blank, Durability.STRICT)) {
      assertThat(s.load("a")).isEmpty();
    }
    try (SqliteExecutionStore s = SqliteExecutionStore.open(empty, Durability.STRICT)) {
      assertThat(s.load("a")).isPresent();
    }
  }
}
