package dev.durable.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.IllegalDurableOperationException;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsMatchTheAwsSdks() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.maxAttempts()).isEqualTo(6);
    // random = 1.0 - tiny: full jitter keeps (almost) the whole exponential delay
    double top = 0.999_999;
    assertThat(p.decide(new IOException(), 1, top).delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.decide(new IOException(), 2, top).delay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.decide(new IOException(), 3, top).delay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.decide(new IOException(), 4, top).delay()).isEqualTo(Duration.ofSeconds(40));
    assertThat(p.decide(new IOException(), 5, top).delay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.decide(new IOException(), 6, top).retry()).isFalse();
  }

  @Test
  void fullJitterNeverGoesBelowOneSecond() {
    RetryDecision d = RetryPolicy.defaults().decide(new IOException(), 1, 0.0);
    assertThat(d.retry()).isTrue();
    assertThat(d.delay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void halfJitterKeepsAtLeastHalf() {
    RetryPolicy p = RetryPolicy.exponential(3, Duration.ofSeconds(10), Duration.ofSeconds(100), 2.0, Jitter.HALF);
    assertThat(p.decide(new IOException(), 1, 0.0).delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.decide(new IOException(), 2, 0.0).delay()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void predicatesDecideWhatIsRetried() {
    RetryPolicy p = RetryPolicy.fixed(5, Duration.ofSeconds(2)).retryOn(IOException.class);
    assertThat(p.decide(new IOException("x"), 1, 0.5).retry()).isTrue();
    assertThat(p.decide(new IllegalStateException("x"), 1, 0.5).retry()).isFalse();

    RetryPolicy q = RetryPolicy.fixed(5, Duration.ofSeconds(2)).ignore(IllegalArgumentException.class);
    assertThat(q.decide(new IllegalArgumentException(), 1, 0.5).retry()).isFalse();
    assertThat(q.decide(new UncheckedIOException(new IOException()), 1, 0.5).retry()).isTrue();

    RetryPolicy r = RetryPolicy.fixed(5, Duration.ofSeconds(2)).retryIf(e -> e.getMessage().contains("throttl"));
    assertThat(r.decide(new RuntimeException("throttled"), 1, 0.5).retry()).isTrue();
    assertThat(r.decide(new RuntimeException("bad request"), 1, 0.5).retry()).isFalse();
  }

  @Test
  void adoptsAResilience4jConfig() {
    RetryConfig config = RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofSeconds(3)).build();
    RetryPolicy p = RetryPolicy.from(config, Jitter.NONE);
    assertThat(p.decide(new IOException(), 1, 0.5).delay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.decide(new IOException(), 2, 0.5).retry()).isFalse();
  }

  @Test
  void noRetryFailsAtOnce() {
    assertThat(RetryPolicy.noRetry().decide(new IOException(), 1, 0.5).retry()).isFalse();
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> RetryPolicy.fixed(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalDurableOperationException.class).hasMessageContaining("got 0");
    assertThatThrownBy(() -> RetryPolicy.fixed(3, Duration.ofMillis(500)))
        .isInstanceOf(IllegalDurableOperationException.class).hasMessageContaining("at least 1 second");
    assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5, Jitter.NONE))
        .isInstanceOf(IllegalDurableOperationException.class).hasMessageContaining("0.5");
  }
}
