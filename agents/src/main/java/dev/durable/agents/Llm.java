package dev.durable.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reusable model setup: the model, its fallbacks and a system prompt. Pipelines take one per
 * {@code llm} node; code-first calls apply one with {@link LlmCall#use(Llm)}.
 *
 * <pre>{@code
 * Llm writer = Llm.of(claude).withFallback(llama).withSystem("You write friendly support replies.");
 * }</pre>
 *
 * @param models the model first, then its fallbacks
 * @param system the system prompt, or null
 */
public record Llm(List<AiModel> models, String system) {
  public Llm {
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("an Llm needs at least one model; use Llm.of(model)");
    }
  }

  /** A setup with one model and no system prompt. */
  public static Llm of(AiModel model) {
    return new Llm(List.of(Objects.requireNonNull(model, "model")), null);
  }

  /** A copy with more fallback models, tried in order. */
  public Llm withFallback(AiModel... more) {
    List<AiModel> all = new ArrayList<>(models);
    all.addAll(List.of(more));
    return new Llm(all, system);
  }

  /** A copy with a system prompt. */
  public Llm withSystem(String text) {
    return new Llm(models, text);
  }
}
