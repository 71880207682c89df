package dev.durable.examples.research;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in search engine and reader over a few fixed pages, so the research agent's tools work
 * offline and deterministically. Counts its calls.
 *
 * <pre>{@code
 * Library web = Library.sample();
 * List<String> hits = web.search("durable execution");
 * }</pre>
 */
public class Library {
  private final Map<String, String> pages = new LinkedHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** A library with pages on durable execution and agent costs. */
  public static Library sample() {
    Library l = new Library();
    l.pages.put("https://docs.example.org/durable-execution",
        "Durable execution records each step of a workflow in a journal. When the process dies, a new process"
            + " replays the journal: completed steps return their recorded results without running again.");
    l.pages.put("https://blog.example.org/agent-costs",
        "In a measured support workload, agents made 6 to 14 model calls per ticket; restarting a half-done"
            + " agent from scratch repeated on average 5 paid calls.");
    l.pages.put("https://docs.example.org/lambda-durable-functions",
        "AWS Lambda durable functions checkpoint steps and can wait up to a year for callbacks without"
            + " paying for idle compute.");
    l.pages.put("https://blog.example.org/human-in-the-loop",
        "Approvals bound to the exact request (a hash in a signed link) prevent an approval from being reused"
            + " for a different action.");
    return l;
  }

  /** Page URLs whose text mentions a word of {@code query}. */
  public List<String> search(String query) {
    calls.incrementAndGet();
    List<String> words = List.of(query.toLowerCase(Locale.ROOT).split("\\W+"));
    return pages.entrySet().stream().filter(e -> words.stream().filter(w -> w.length() > 3)
        .anyMatch(w -> e.getValue().toLowerCase(Locale.ROOT).contains(w))).map(Map.Entry::getKey).limit(3).toList();
  }

  /** The page's text, or a not-found message. */
  public String read(String url) {
    calls.incrementAndGet();
    return pages.getOrDefault(url, "404: no page at " + url);
  }

  /** Calls so far (tool executions). */
  public int calls() {
    return calls.get();
  }
}
