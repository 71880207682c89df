package dev.durable.examples.research;

import dev.durable.agents.Agent;
import dev.durable.agents.AgentResult;
import dev.durable.agents.AiModel;
import dev.durable.agents.Approver;
import dev.durable.agents.Budget;
import dev.durable.agents.DurableTool;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.examples.common.Models;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The deep-research agent: a long model → tools → model loop over a search and a read tool, with a
 * token budget that pauses for a human ("continue?") instead of failing when it runs out, and a
 * fallback model that takes over when the primary one is throttled. Which model answered each turn
 * is journaled, so a replay takes the same path.
 *
 * <pre>{@code
 * var research = new DeepResearch(primary, fallback, HumanApprover.of(options, "lead@example.com"), Library.sample(), 6_000);
 * runtime.register("deep-research", research, String.class, ResearchReport.class);
 * }</pre>
 */
public final class DeepResearch implements DurableFunction<String, ResearchReport> {
  /** The default token allowance per grant. */
  public static final long DEFAULT_TOKENS = 6_000;

  static final String SYSTEM = "Research the question thoroughly with the search and read tools: search, read"
      + " the most relevant pages, search again for what is missing, then answer with a short report that cites"
      + " the pages you read.";

  /** Arguments of {@code search}. @param query what to look for */
  public record Search(String query) {}

  /** Arguments of {@code read}. @param url the page */
  public record Read(String url) {}

  private static final Pattern URL = Pattern.compile("https://[\\w./-]+\\w");

  private final Agent agent;

  /** An agent on {@code primary}, falling back to {@code fallback}, pausing every {@code tokens} tokens. */
  public DeepResearch(AiModel primary, AiModel fallback, Approver approver, Library web, long tokens) {
    DurableTool search = DurableTool.of("search", "Searches the web; returns page URLs", Search.class,
        (s, tc) -> web.search(s.query()));
    DurableTool read = DurableTool.of("read", "Reads a page", Read.class, (r, tc) -> web.read(r.url()));
    this.agent = Agent.builder().model(primary).fallback(fallback).system(SYSTEM).tools(search, read)
        .parallelTools(false).maxTurns(12).budget(Budget.tokens(tokens).askToContinue()).approver(approver).build();
  }

  /** The research agent: Bedrock (primary and fallback alike) when configured, else the offline pair. */
  public static DeepResearch fromEnvironment(Map<String, String> env, Approver lead) {
    var primary = Models.fromEnvironment(env, OfflineResearchModel::primary);
    var fallback = Models.fromEnvironment(env, OfflineResearchModel::fallback);
    return new DeepResearch(new AiModel("primary", primary.model().chat(), null, null),
        new AiModel("fallback", fallback.model().chat(), null, null), lead, Library.sample(), DEFAULT_TOKENS);
  }

  @Override
  public ResearchReport apply(String question, DurableContext ctx) {
    AgentResult r = agent.run(ctx, "research", question);
    List<String> sources = URL.matcher(r.text()).results().map(m -> m.group()).distinct().toList();
    return new ResearchReport(question, r.text(), r.turns(), r.ledger().tokens().total(), r.modelsUsed(), sources);
  }
}
