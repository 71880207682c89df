package dev.durable.examples.content;

import dev.durable.agents.Approver;
import dev.durable.agents.Flow;
import dev.durable.agents.Flow.Lane;
import dev.durable.agents.Llm;
import dev.durable.agents.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The content pipeline, built with the fluent {@link Flow} builder: research each topic in parallel
 * ({@code forEach} over a map), draft in parallel with two models, let an LLM judge pick the better
 * draft (structured {@link Verdict}), ask an editor to review it (approve or reject, with a
 * comment), and publish through an idempotent CMS call.
 *
 * <pre>{@code
 * Pipeline<Brief, Published> p = ContentPipeline.build(models, HumanApprover.of(options, "editor@example.com"), cms);
 * runtime.register("content-pipeline", p, p.inputType(), p.outputType());
 * }</pre>
 */
public final class ContentPipeline {
  /** How long the editor has. */
  public static final Duration REVIEW_WINDOW = Duration.ofDays(2);

  static final String RESEARCH = "Research the topic for an article. Reply with three concise, factual"
      + " bullet points a writer can cite.";
  static final String WRITE = "Write a 120-word blog introduction from the research notes, for the audience given.";
  static final String JUDGE = "Judge two drafts for accuracy, clarity and fit to the audience. Pick the better one.";

  /**
   * The models of the pipeline.
   *
   * @param researcher researches topics
   * @param firstWriter writes draft 1
   * @param secondWriter writes draft 2
   * @param judge compares them
   */
  public record Models(Llm researcher, Llm firstWriter, Llm secondWriter, Llm judge) {}

  private ContentPipeline() {}

  /** The content pipeline: Bedrock for every role when configured, else the offline personas. */
  public static Pipeline<Brief, Published> fromEnvironment(Map<String, String> env, Approver editor) {
    var analyst = choose(env, OfflineContentModel.Style.ANALYST);
    var first = choose(env, OfflineContentModel.Style.CONCISE);
    var second = choose(env, OfflineContentModel.Style.NARRATIVE);
    return build(new Models(Llm.of(analyst.model()), Llm.of(first.model()),
        Llm.of(second.model()), Llm.of(analyst.model())), editor, new Cms());
  }

  private static dev.durable.examples.common.Models choose(Map<String, String> env, OfflineContentModel.Style style) {
    return dev.durable.examples.common.Models.fromEnvironment(env, () -> OfflineContentModel.create(style));
  }

  /** The pipeline on these models, asking {@code editor} to review, publishing to {@code cms}. */
  public static Pipeline<Brief, Published> build(Models m, Approver editor, Cms cms) {
    return Flow.from(Brief.class)
        .map(Story.class, Story::start)
        .forEach("research", s -> s.brief().topics(), 3,
            Flow.from(String.class).llm("notes", m.researcher().withSystem(RESEARCH), topic -> "Topic: " + topic,
                (topic, notes) -> notes),
            Story::withNotes)
        .parallel("drafts", List.of(
                Lane.of("writer-1", Flow.from(Story.class).llm("write", m.firstWriter().withSystem(WRITE),
                    Story::draftPrompt, (s, text) -> s.withDrafts(List.of(text)))),
                Lane.of("writer-2", Flow.from(Story.class).llm("write", m.secondWriter().withSystem(WRITE),
                    Story::draftPrompt, (s, text) -> s.withDrafts(List.of(text))))),
            (s, lanes) -> s.withDrafts(lanes.stream().map(lane -> lane.drafts().get(0)).toList()))
        .llm("judge", m.judge().withSystem(JUDGE), Story::judgePrompt, Verdict.class, Story::withVerdict)
        .approval("editor-review", Story::reviewQuestion, REVIEW_WINDOW, Story::withReview)
        .step("publish", Published.class, (s, step) -> s.approved() ? cms.publish(s, step.idempotencyKey())
            : new Published("HELD", null, s.brief().title(), s.chosen(), s.comment()))
        .approver(editor)
        .build();
  }
}
