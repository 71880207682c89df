package dev.durable.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.ExecutionRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowCacheTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private static ExecutionRecord row(ExecutionStatus status, long changeSeq, String result) {
    return new ExecutionRecord("x", "arn:x", "fn", "run", status, "{}", result, null, T0, null,
        null, 1, 2, changeSeq, 4, 5, null, false, true, T0, null, null);
  }

  @Test
  void onlyAWriteThatChangesCountersOfTheExpectedVersionTakesTheNarrowUpdate() {
    RowCache cache = new RowCache();
    cache.put(row(ExecutionStatus.RUNNING, 3, null), 7, 4);
    assertThat(cache.countersOnly(row(ExecutionStatus.RUNNING, 9, null), 4))
        .isNotNull().extracting(RowCache.Entry::seq).isEqualTo(7L);
    // another version: another writer (or a missed write) came between
    assertThat(cache.countersOnly(row(ExecutionStatus.RUNNING, 9, null), 5)).isNull();
    // any other column changed
    assertThat(cache.countersOnly(row(ExecutionStatus.SUCCEEDED, 9, null), 4)).isNull();
    assertThat(cache.countersOnly(row(ExecutionStatus.RUNNING, 9, "1"), 4)).isNull();
    cache.clear();
    assertThat(cache.countersOnly(row(ExecutionStatus.RUNNING, 9, null), 4)).isNull();
  }
}
