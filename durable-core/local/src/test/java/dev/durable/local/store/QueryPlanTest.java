package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.Durability;
import dev.durable.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 3 keeps operations in insertion order and finds them by key through an index
 * (see {@link Schema}): the history load must go through that index and come out in start order
 * without a sort, also when runs' rows interleave in the table.
 */
class QueryPlanTest {
  @TempDir Path dir;

  @Test
  void theLoadReadsTheKeyIndexInOrderWithoutASort() throws Exception {
    Path file = dir.resolve("plan.db");
    SqliteExecutionStore.open(file, Durability.STRICT).close();
    List<String> plan = plan(file, Queries.OPS, 1L << 32, (1L << 32) | 0xFFFF_FFFFL);
    assertThat(plan).anySatisfy(p -> assertThat(p).contains("USING INDEX operations_by_key"));
    assertThat(plan).noneSatisfy(p -> assertThat(p).containsIgnoringCase("TEMP B-TREE"));
  }

  @Test
  void anUpdateFindsItsOperationThroughTheKeyIndex() throws Exception {
    Path file = dir.resolve("update.db");
    SqliteExecutionStore.open(file, Durability.STRICT).close();
    List<String> plan = plan(file, "UPDATE operations SET status = 'X' WHERE key = ? AND op_id = ?",
        1L << 32, "op");
    assertThat(plan).anySatisfy(p -> assertThat(p).contains("USING INDEX operations_by_key"));
  }

  @Test
  void interleavedRunsLoadInStartOrder() throws Exception {
    Path file = dir.resolve("interleaved.db");
    List<String> ids = new ArrayList<>();
    try (SqliteExecutionStore store = SqliteExecutionStore.open(file, Durability.STRICT)) {
      ServiceDriver d = new ServiceDriver(store, new ManualClock(Instant.parse("2026-03-01T09:00:00Z")),
          "plan").register("paced", new Paced(), Integer.class);
      // each run waits after each step, so the driver moves from run to run: their operations'
      // rows alternate in the table
      for (int i = 0; i < 3; i++) {
        String arn = d.start("paced", 4);
        ids.add(arn.substring(arn.lastIndexOf('/') + 1));
      }
      d.runUntilIdle(Duration.ofDays(1));
      for (String id : ids) {
        StoredExecution e = store.load(id).orElseThrow();
        assertThat(e.operations()).hasSizeGreaterThan(2);
        List<Integer> starts = e.operations().stream().map(o -> (int) o.startSeq()).toList();
        assertThat(starts).isSorted().doesNotHaveDuplicates();
      }
    }
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true);
        PreparedStatement s = c.prepareStatement("SELECT key >> 32 FROM operations ORDER BY row_seq");
        ResultSet rs = s.executeQuery()) {
      List<Long> owners = new ArrayList<>();
      while (rs.next()) {
        owners.add(rs.getLong(1));
      }
      List<Long> sorted = owners.stream().sorted().toList();
      assertThat(owners).as("the runs' rows are not one range each in the table")
          .isNotEqualTo(sorted);
    }
  }

  /** Steps with a wait after each, so that runs take turns. */
  static final class Paced implements DurableFunction<Integer, Integer> {
    @Override
    public Integer apply(Integer n, DurableContext ctx) {
      int sum = 0;
      for (int i = 0; i < n; i++) {
        int k = i;
        sum += ctx.step("s", Integer.class, s -> k);
        ctx.wait("pause", Duration.ofMinutes(1));
      }
      return sum;
    }
  }

  private static List<String> plan(Path file, String sql, Object... args) throws SQLException {
    try (Connection c = Connections.open(file, SqliteStoreOptions.defaults(), true);
        PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString("detail"));
        }
      }
      return out;
    }
  }
}
