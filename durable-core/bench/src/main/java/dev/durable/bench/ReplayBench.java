package dev.durable.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.core.model.InvocationStatus;
import dev.durable.core.serde.JacksonSerDes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * T6-mem, replay cost per operation on the in-memory service: a function runs {@code steps} steps
 * and then waits one second. The first invocation records the steps and suspends; every later
 * invocation replays all steps from the journal (no body runs) and suspends again at the wait,
 * which never fires because the service's clock is fixed. The timed part is
 * {@code beginInvocation} + {@code DurableExecutor.invoke} of such a replay ({@code begin} and
 * {@code in-service} show its service parts: loading the suspended execution, and the paged
 * {@code getState} and checkpoint calls made during the invoke). The reference is
 * Jackson-decoding the journal's payload strings (the steps' results, read from the service) into
 * {@link StepRecord}. Target: ratio at most 2.0.
 */
public final class ReplayBench {
  /** The target id. */
  public static final String ID = "T6-mem";
  /** The largest passing ratio. */
  public static final double TARGET = 2.0;
  private static final String NAME = "replay";
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

  private final BenchConfig config;
  private final Progress progress;
  private final StepRecord payload = StepRecord.sample();
  private final ObjectMapper mapper = JacksonSerDes.defaultMapper();

  /** A benchmark replaying {@code config.steps()} steps per run. */
  public ReplayBench(BenchConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Records the journal, runs warm-up and timed replays, and returns the row. */
  public Row run() throws Exception {
    int n = config.steps();
    BenchFunction fn = new BenchFunction(payload, true);
    Harness h = new Harness(fn, n, FIXED);
    progress.phase("recording " + n + " steps");
    Harness.Timed first = h.invoke();
    Harness.expect(first.output(), InvocationStatus.PENDING, "the recording invocation");
    if (fn.bodyRuns() != n) {
      throw new IllegalStateException("the recording invocation ran " + fn.bodyRuns() + " of " + n + " steps");
    }
    // the reference decodes the very strings the journal holds
    String[] payloads = h.stepResults().toArray(new String[0]);
    if (payloads.length != n) {
      throw new IllegalStateException("the journal holds " + payloads.length + " step results, not " + n);
    }
    for (int i = 1; i <= config.warmupRuns(); i++) {
      progress.phase("warm-up " + i + "/" + config.warmupRuns());
      replay(h, fn, n);
      decode(payloads);
    }
    long[] replay = new long[config.timedRuns()];
    long[] begin = new long[config.timedRuns()];
    long[] service = new long[config.timedRuns()];
    long[] decode = new long[config.timedRuns()];
    for (int i = 0; i < config.timedRuns(); i++) {
      progress.phase("timed replay " + (i + 1) + "/" + config.timedRuns());
      Harness.Timed t = replay(h, fn, n);
      replay[i] = t.begin() + t.invoke();
      begin[i] = t.begin();
      service[i] = t.inService();
      decode[i] = decode(payloads);
    }
    double replayNanos = Stats.median(replay);
    double decodeNanos = Stats.median(decode);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("replay", Stats.duration(replayNanos));
    m.put("decode", Stats.duration(decodeNanos));
    m.put("per-op", Stats.duration(replayNanos / n));
    m.put("decode-per-op", Stats.duration(decodeNanos / n));
    m.put("begin", Stats.duration(Stats.median(begin)));
    m.put("in-service", Stats.duration(Stats.median(service)));
    m.put("record-run", Stats.duration(first.total()));
    m.put("ops", Integer.toString(n));
    return new Row(ID, NAME, replayNanos / decodeNanos, TARGET, m);
  }

  /** One replaying invocation; returns its timings. */
  private Harness.Timed replay(Harness h, BenchFunction fn, int n) {
    long runsBefore = fn.bodyRuns();
    fn.clearLast();
    Harness.Timed t = h.invoke();
    Harness.expect(t.output(), InvocationStatus.PENDING, "the replaying invocation");
    if (fn.bodyRuns() != runsBefore) {
      throw new IllegalStateException("the replay of " + n + " journaled steps ran "
          + (fn.bodyRuns() - runsBefore) + " step bodies; a replay must run none");
    }
    if (!payload.equals(fn.last())) {
      throw new IllegalStateException("the replay returned " + fn.last() + " for the last step, not the"
          + " journaled payload");
    }
    return t;
  }

  /** Decodes every payload string; returns the nanoseconds. */
  private long decode(String[] payloads) throws Exception {
    StepRecord last = null;
    long t0 = System.nanoTime();
    for (String p : payloads) {
      last = mapper.readValue(p, StepRecord.class);
    }
    long nanos = System.nanoTime() - t0;
    if (!payload.equals(last)) {
      throw new IllegalStateException("decoding changed the payload: " + last);
    }
    return nanos;
  }
}
