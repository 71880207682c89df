package dev.durable.examples.content;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in content management system: publishing with the same idempotency key returns the first
 * publication instead of posting twice, as a real CMS API with idempotency keys does.
 *
 * <pre>{@code
 * Published p = cms.publish(story, step.idempotencyKey());
 * }</pre>
 */
public class Cms {
  private final Map<String, Published> byKey = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** Publishes the chosen draft with the editor's note. */
  public Published publish(Story s, String idempotencyKey) {
    calls.incrementAndGet();
    return byKey.computeIfAbsent(idempotencyKey, k -> new Published("PUBLISHED",
        "https://blog.example.com/" + s.brief().title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
        s.brief().title(), s.chosen(), s.comment()));
  }

  /** Calls so far. */
  public int calls() {
    return calls.get();
  }

  /** Distinct publications. */
  public int published() {
    return byKey.size();
  }
}
