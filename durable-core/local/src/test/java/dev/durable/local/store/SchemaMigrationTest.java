package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.Durability;
import dev.durable.local.store.Workflows.Helper;
import dev.durable.local.store.Workflows.Order;
import dev.durable.local.store.Workflows.OrderFlow;
import dev.durable.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by schema version 1 or 2 is migrated on open (version 1 through 2 to 3, in one
 * transaction) and reads back exactly as it was written:
 * the journal of real runs (steps, retries, a wait, a callback, a child context, a map, a chained
 * invoke) is written in version 1's layout, opened, and compared row by row; then a run that was
 * waiting in the old file completes on the migrated one.
 */
class SchemaMigrationTest {
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dir;

  private record Snapshot(StoredExecution stored, List<HistoryEvent> history) {}

  @Test
  void aVersion1StoreIsMigratedOnOpenWithEveryRunUnchanged() throws Exception {
    migratesWithEveryRunUnchanged(1);
  }

  @Test
  void aVersion2StoreIsMigratedOnOpenWithEveryRunUnchanged() throws Exception {
    migratesWithEveryRunUnchanged(2);
  }

  private void migratesWithEveryRunUnchanged(int oldVersion) throws Exception {
    Path current = dir.resolve("current.db");
    Path old = dir.resolve("v" + oldVersion + ".db");
    ManualClock clock = new ManualClock(START);
    OrderFlow flow = new OrderFlow();
    String waiting;
    Map<String, Snapshot> expected = new LinkedHashMap<>();
    try (SqliteExecutionStore store = SqliteExecutionStore.open(current, Durability.STRICT)) {
      ServiceDriver d = new ServiceDriver(store, clock, "mig")
          .register("order", flow, Order.class).register("helper", new Helper(), String.class);
      String done = d.start("order", new Order("o-1", 1));
      d.runUntilIdle(Duration.ofMinutes(30));
      d.service.completeCallback(flow.callbackIds.poll(), "\"approved\"");
      d.runUntilIdle(Duration.ofDays(1));
      assertThat(d.service.describe(done).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      waiting = d.start("order", new Order("o-2", 2));
      d.runUntilIdle(Duration.ofMinutes(30));
      assertThat(flow.callbackIds).hasSize(1);
      for (String id : ids(current)) {
        expected.put(id, new Snapshot(store.load(id).orElseThrow(), store.history(id)));
      }
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(3); // two orders and the helper's run
    if (oldVersion == 1) {
      writeVersion1(current, old, expected);
    } else {
      writeVersion2(current, old);
    }

    try (SqliteExecutionStore store = SqliteExecutionStore.open(old, Durability.STRICT)) {
      assertThat(version(old)).isEqualTo(Schema.CURRENT);
      for (var e : expected.entrySet()) {
        StoredExecution migrated = store.load(e.getKey()).orElseThrow();
        assertThat(migrated.execution()).isEqualTo(e.getValue().stored().execution());
        assertThat(migrated.operations()).isEqualTo(e.getValue().stored().operations());
        assertThat(migrated.version()).isEqualTo(e.getValue().stored().version());
        assertThat(store.history(e.getKey())).isEqualTo(e.getValue().history());
        ExecutionRecord r = migrated.execution();
        assertThat(store.findByName(r.functionName(), r.executionName())).contains(e.getKey());
      }
      String callbackId = flow.callbackIds.peek();
      String waitingId = waiting.substring(waiting.lastIndexOf('/') + 1);
      assertThat(store.findByCallbackId(callbackId)).contains(waitingId);

      ServiceDriver d = new ServiceDriver(store, clock, "mig2")
          .register("order", flow, Order.class).register("helper", new Helper(), String.class);
      d.service.completeCallback(flow.callbackIds.poll(), "\"approved\"");
      d.runUntilIdle(Duration.ofDays(1));
      assertThat(d.service.describe(waiting).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      // o-2's flaky step succeeded at the counter's 4th attempt before the migration; the
      // journaled steps are replayed from the migrated file, not run again
      assertThat(d.service.describe(waiting).result())
          .isEqualTo("\"ok-o-2/4/approved/3/[2, 4, 6]/helped-o-2\"");
      assertThat(flow.validations).hasValue(2);
      assertThat(flow.flakyAttempts).hasValue(4);
      List<HistoryEvent> after = store.history(waitingId);
      List<HistoryEvent> before = expected.get(waitingId).history();
      assertThat(after.subList(0, before.size())).isEqualTo(before);
      for (int i = 0; i < after.size(); i++) {
        assertThat(after.get(i).eventId()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void aStepResultIsStoredOnceAndTheHistoryStillCarriesIt() throws Exception {
    Path file = dir.resolve("once.db");
    String id;
    List<HistoryEvent> history;
    try (SqliteExecutionStore store = SqliteExecutionStore.open(file, Durability.STRICT)) {
      ServiceDriver d = new ServiceDriver(store, new ManualClock(START), "once")
          .register("steps", new Workflows.Steps(), Integer.class);
      String arn = d.start("steps", 4); // result 6: no other event shares a payload
      d.runUntilIdle(Duration.ofDays(1));
      id = arn.substring(arn.lastIndexOf('/') + 1);
      history = store.history(id);
    }
    List<HistoryEvent> succeeded = history.stream()
        .filter(e -> e.eventType().equals("StepSucceeded")).toList();
    assertThat(succeeded).isNotEmpty().allSatisfy(e -> assertThat(e.payload()).isNotNull());
    // a step's checkpoint is one row: the operation with its events, the result stored once
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT events, events_shared, payload FROM operations"
            + " WHERE type = 'STEP'")) {
      int steps = 0;
      while (rs.next()) {
        steps++;
        HistoryEvent[] kept = RowCodec.events(rs.getBytes(1));
        assertThat(kept).extracting(HistoryEvent::eventType)
            .containsExactly("StepStarted", "StepSucceeded");
        assertThat(kept[1].payload()).as("the result is stored once, in the row").isNull();
        assertThat(rs.getLong(2)).isEqualTo(0b10);
        assertThat(rs.getString(3)).isEqualTo(succeeded.get(steps - 1).payload());
      }
      assertThat(steps).isEqualTo(succeeded.size());
      try (ResultSet left = s.executeQuery("SELECT count(*) FROM events")) {
        assertThat(left.getInt(1)).as("events of no step checkpoint").isPositive();
      }
    }
  }

  @Test
  void aNewFileGetsTheSchemaAMigratedFileEndsWithAndNoFreePages() throws Exception {
    Path fresh = dir.resolve("fresh.db");
    Path old = dir.resolve("old.db");
    SqliteExecutionStore.open(fresh, Durability.STRICT).close();
    try (Connection c = Connections.open(old, SqliteStoreOptions.defaults(), false)) {
      Schema.migrate(c, old.toString(), 1);
    }
    SqliteExecutionStore.open(old, Durability.STRICT).close(); // migrates 1 -> current
    assertThat(schema(fresh)).isEqualTo(schema(old)).isNotEmpty();
    Path old2 = dir.resolve("old2.db");
    try (Connection c = Connections.open(old2, SqliteStoreOptions.defaults(), false)) {
      Schema.migrate(c, old2.toString(), 2);
    }
    SqliteExecutionStore.open(old2, Durability.STRICT).close(); // migrates 2 -> current
    assertThat(schema(old2)).isEqualTo(schema(fresh));
    try (Connection c = Connections.open(fresh, SqliteStoreOptions.defaults(), true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA freelist_count")) {
      assertThat(rs.getInt(1)).as("a new file holds no pages of dropped tables").isZero();
    }
  }

  /** Every table and index with its SQL, quotes left out (a renamed table's SQL quotes its name). */
  private static List<String> schema(Path file) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master"
            + " ORDER BY type, name")) {
      while (rs.next()) {
        String sql = rs.getString(4);
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
            + (sql == null ? "" : sql.replace("\"", "")));
      }
    }
    return out;
  }

  /**
   * Builds {@code old} as version 2 of the store wrote it, with the rows of {@code current}:
   * version 2's operations are version 3's without {@code row_seq}, keyed by {@code key}.
   */
  private static void writeVersion2(Path current, Path old) throws SQLException {
    try (Connection c = Connections.open(old, SqliteStoreOptions.defaults(), false)) {
      Schema.migrate(c, old.toString(), 2);
      assertThat(version(c)).isEqualTo(2);
      try (Statement s = c.createStatement()) {
        s.execute("ATTACH DATABASE '" + current + "' AS cur");
        for (String t : List.of("executions", "execution_names", "callbacks", "events")) {
          s.execute("INSERT INTO " + t + " SELECT * FROM cur." + t);
        }
        List<String> opColumns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(operations)")) {
          while (rs.next()) {
            opColumns.add(rs.getString("name"));
          }
        }
        assertThat(opColumns).as("version 2's operations").startsWith("key").doesNotContain("row_seq");
        String list = String.join(", ", opColumns);
        s.execute("INSERT INTO operations(" + list + ") SELECT " + list
            + " FROM cur.operations ORDER BY row_seq");
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM operations")) {
          assertThat(rs.getInt(1)).isPositive();
        }
        s.execute("DETACH DATABASE cur");
      }
    }
  }

  /** Builds {@code old} as version 1 of the store wrote it, with the journal of {@code current}. */
  private static void writeVersion1(Path current, Path old, Map<String, Snapshot> journal)
      throws SQLException {
    try (Connection c = Connections.open(old, SqliteStoreOptions.defaults(), false)) {
      Schema.migrate(c, old.toString(), 1);
      assertThat(version(c)).isEqualTo(1);
      try (Statement s = c.createStatement()) {
        s.execute("ATTACH DATABASE '" + current + "' AS cur");
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA cur.table_info(executions)")) {
          while (rs.next()) {
            if (!rs.getString("name").equals("seq")) {
              columns.add(rs.getString("name"));
            }
          }
        }
        String list = String.join(", ", columns);
        s.execute("INSERT INTO executions(" + list + ") SELECT " + list
            + " FROM cur.executions ORDER BY seq");
        s.execute("INSERT INTO execution_names SELECT * FROM cur.execution_names");
        s.execute("INSERT INTO callbacks SELECT * FROM cur.callbacks");
        List<String> opColumns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA cur.table_info(operations)")) {
          while (rs.next()) {
            if (!List.of("row_seq", "key", "events", "events_shared")
                .contains(rs.getString("name"))) {
              opColumns.add(rs.getString("name"));
            }
          }
        }
        s.execute("INSERT INTO operations(execution_id, " + String.join(", ", opColumns)
            + ") SELECT x.id, o." + String.join(", o.", opColumns)
            + " FROM cur.operations o JOIN cur.executions x ON x.seq = o.key >> 32 ORDER BY o.key");
      }
      // version 1 kept every event whole, its payload included, one row per event
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO events VALUES(?, ?, ?)")) {
        for (var e : journal.entrySet()) {
          for (HistoryEvent h : e.getValue().history()) {
            ins.setString(1, e.getKey());
            ins.setInt(2, h.eventId());
            ins.setBytes(3, RowCodec.eventJson(h));
            ins.executeUpdate();
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("DETACH DATABASE cur");
      }
    }
  }

  private static List<String> ids(Path file) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM executions ORDER BY seq")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static int version(Path file) throws SQLException {
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true)) {
      return version(c);
    }
  }

  private static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }
}
