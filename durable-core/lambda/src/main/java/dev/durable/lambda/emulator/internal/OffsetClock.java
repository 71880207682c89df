package dev.durable.lambda.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs with a base clock plus an offset the emulator can move forward, so tests skip
 * a five-minute wait without sleeping while time still flows for everything else.
 */
public final class OffsetClock extends Clock {
  private final Clock base;
  private final AtomicLong offsetNanos = new AtomicLong();

  public OffsetClock(Clock base) {
    this.base = base;
  }

  /** Moves this clock forward by {@code d}. */
  public void advance(Duration d) {
    offsetNanos.addAndGet(d.toNanos());
  }

  @Override
  public Instant instant() {
    return base.instant().plusNanos(offsetNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the emulator's clock is UTC only");
  }
}
