package dev.durable.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.core.model.InvocationStatus;
import dev.durable.core.serde.JacksonSerDes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * T2, library CPU cost per step: one invocation runs {@code steps} no-op steps (each returns the
 * same pre-built ~1 KB {@link StepRecord}) on a fresh in-memory service; the time of begin + invoke
 * + end divided by the step count is the per-step cost ({@code in-service} is the part of it spent
 * inside the service's checkpoint calls, measured with {@link TimingService}; {@code caller-cpu} is
 * the CPU the thread that called {@code invoke} burned while it should have been asleep waiting
 * for the workflow thread). The reference is a Jackson round trip
 * ({@code writeValueAsString} + {@code readValue}) of the same record with the engine's default
 * mapper configuration, timed over the same number of operations. Target: ratio at most 2.0.
 *
 * <p>Warm-up and timed runs alternate between the engine and the reference so that both see the
 * same JIT state and machine noise.
 */
public final class StepCpuBench {
  /** The target id. */
  public static final String ID = "T2";
  /** The largest passing ratio. */
  public static final double TARGET = 2.0;
  private static final String NAME = "step-cpu";

  private final BenchConfig config;
  private final Progress progress;
  private final StepRecord payload = StepRecord.sample();
  private final ObjectMapper mapper = JacksonSerDes.defaultMapper();

  /** A benchmark of {@code config.steps()} steps per run. */
  public StepCpuBench(BenchConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Runs warm-up and timed runs and returns the row. */
  public Row run() throws Exception {
    int n = config.steps();
    for (int i = 1; i <= config.warmupRuns(); i++) {
      progress.phase("warm-up " + i + "/" + config.warmupRuns());
      engineRun(n);
      jacksonRun(n);
    }
    long[] engine = new long[config.timedRuns()];
    long[] service = new long[config.timedRuns()];
    long[] callerCpu = new long[config.timedRuns()];
    long[] jackson = new long[config.timedRuns()];
    for (int i = 0; i < config.timedRuns(); i++) {
      progress.phase("timed run " + (i + 1) + "/" + config.timedRuns());
      Harness.Timed t = engineRun(n);
      engine[i] = t.total();
      service[i] = t.inService();
      callerCpu[i] = t.callerCpu();
      jackson[i] = jacksonRun(n);
    }
    double perStep = Stats.median(engine) / n;
    double perRoundTrip = Stats.median(jackson) / n;
    Map<String, String> m = new LinkedHashMap<>();
    m.put("per-step", Stats.duration(perStep));
    m.put("jackson-rt", Stats.duration(perRoundTrip));
    m.put("in-service", Stats.duration(Stats.median(service) / n));
    m.put("caller-cpu", Stats.duration(Stats.median(callerCpu) / n));
    m.put("invocation", Stats.duration(Stats.median(engine)));
    m.put("steps/s", String.format(java.util.Locale.ROOT, "%.0f", 1e9 / perStep));
    m.put("payload", payloadBytes() + "B");
    m.put("steps", Integer.toString(n));
    return new Row(ID, NAME, perStep / perRoundTrip, TARGET, m);
  }

  /** Size of the payload's JSON in UTF-8 bytes. */
  int payloadBytes() throws JsonProcessingException {
    return mapper.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8).length;
  }

  /** One invocation of {@code n} steps on a fresh service; returns its timings. */
  private Harness.Timed engineRun(int n) {
    BenchFunction fn = new BenchFunction(payload, false);
    Harness h = new Harness(fn, n, Clock.systemUTC());
    Harness.Timed t = h.invoke();
    Harness.expect(t.output(), InvocationStatus.SUCCEEDED, "the " + n + "-step invocation");
    if (fn.bodyRuns() != n || !payload.equals(fn.last())) {
      throw new IllegalStateException("the " + n + "-step invocation ran " + fn.bodyRuns()
          + " step bodies and ended with " + fn.last());
    }
    return t;
  }

  /** {@code n} Jackson round trips of the payload; returns their nanoseconds. */
  private long jacksonRun(int n) throws JsonProcessingException {
    Object last = null;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String json = mapper.writeValueAsString(payload);
      last = mapper.readValue(json, StepRecord.class);
    }
    long nanos = System.nanoTime() - t0;
    if (!payload.equals(last)) {
      throw new IllegalStateException("the Jackson round trip changed the payload: " + last);
    }
    return nanos;
  }
}
