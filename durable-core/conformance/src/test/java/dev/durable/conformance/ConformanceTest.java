package dev.durable.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every requirement case: its handler (from {@link Handlers}) on the backend, then the status,
 * result and history checked against the case's expectations. Prints a per-suite summary and
 * writes it to {@code target/conformance-summary.md}.
 */
class ConformanceTest {
  static final List<String> SUITES = List.of("step", "wait", "callback", "child", "invoke", "map",
      "parallel", "wait_for_callback", "wait_for_condition");

  private static final Map<String, int[]> TALLY = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> FAILED = new ConcurrentHashMap<>();
  private static final Backend BACKEND = Backends.current();

  @TestFactory
  Stream<DynamicTest> cases() {
    return SUITES.stream().flatMap(suite -> CaseFile.load(suite).stream())
        .map(c -> DynamicTest.dynamicTest(c.label(), () -> check(c)));
  }

  private static void check(ConformanceCase c) {
    int[] tally = TALLY.computeIfAbsent(c.suite(), s -> new int[2]);
    tally[1]++;
    List<String> problems = new ArrayList<>();
    try {
      problems.addAll(run(c));
    } catch (RuntimeException | AssertionError e) {
      problems.add("the run threw " + e);
    }
    if (problems.isEmpty()) {
      tally[0]++;
    } else {
      FAILED.computeIfAbsent(c.suite(), s -> new ArrayList<>()).add(c.number());
    }
    assertThat(problems).as("%s on the %s", c.label(), BACKEND.name()).isEmpty();
  }

  static List<String> run(ConformanceCase c) {
    Map<String, String> vars = variables(c);
    HistoryMatcher matcher = new HistoryMatcher(vars);
    CaseHandler handler = Handlers.forCase(c.suite(), c.number(), vars);
    List<ConformanceCase.CallbackAction> actions = c.actions().stream()
        .map(a -> new ConformanceCase.CallbackAction(a.operation(), matcher.resolve(a.callbackName()),
            a.delaySeconds(), matcher.resolve(a.payload())))
        .toList();
    Backend.Outcome out;
    List<String> problems = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      out = BACKEND.run(handler, new Backend.Start(matcher.resolve(c.input()), actions,
          c.status() != null, !c.async()));
      for (ConformanceCase.ExpectedLog log : c.logs()) {
        String regex = matcher.resolve(log.regex());
        long n = logs.count(regex);
        if (n != log.count()) {
          problems.add("log /" + regex + "/ appeared " + n + " times, expected " + log.count());
        }
      }
    }
    if (c.status() != null && !c.status().equals(out.status())) {
      problems.add("status " + out.status() + ", expected " + c.status() + " (error " + out.error() + ")");
    }
    if (c.result() != null) {
      JsonNode want = WireEvents.tree(matcher.resolve(c.result()));
      JsonNode got = out.result() == null || out.result().isEmpty() ? null : WireEvents.tree(out.result());
      boolean same = want == null || want.isNull() ? got == null || got.isNull() : want.equals(got);
      if (!same) {
        problems.add("result " + out.result() + ", expected " + want);
      }
    }
    if (out.answer() != null) {
      problems.addAll(answerProblems(out));
    }
    problems.addAll(matcher.match(c.events(), out.history(), c.partial()));
    if (!problems.isEmpty()) {
      problems.add("history was:\n  " + String.join("\n  ",
          out.history().stream().map(ObservedEvent::toString).toList()));
    }
    return problems;
  }

  /** A synchronous caller gets the result, or a function error when the execution failed. */
  private static List<String> answerProblems(Backend.Outcome out) {
    Backend.InvokeAnswer a = out.answer();
    if ("SUCCEEDED".equals(out.status())) {
      JsonNode want = out.result() == null || out.result().isEmpty() ? null : WireEvents.tree(out.result());
      JsonNode got = a.payload() == null || a.payload().isEmpty() ? null : WireEvents.tree(a.payload());
      boolean same = want == null ? got == null || got.isNull() : want.equals(got);
      return same && a.functionError() == null ? List.of()
          : List.of("the synchronous Invoke answered " + a + " for result " + out.result());
    }
    return a.functionError() != null ? List.of()
        : List.of("the synchronous Invoke of a " + out.status() + " execution answered " + a
            + " without a function error");
  }

  /** The case's generated strings: alphanumeric, the declared length, fixed per case. */
  static Map<String, String> variables(ConformanceCase c) {
    Random random = new Random(c.label().hashCode());
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    Map<String, String> vars = new LinkedHashMap<>();
    c.variables().forEach((name, length) -> {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      vars.put(name, s.toString());
    });
    return vars;
  }

  @AfterAll
  static void summary() throws IOException {
    StringBuilder s = new StringBuilder("| suite | passed | cases | failing |\n|---|---:|---:|---|\n");
    int passed = 0;
    int total = 0;
    for (String suite : SUITES) {
      int[] t = TALLY.getOrDefault(suite, new int[2]);
      passed += t[0];
      total += t[1];
      s.append("| ").append(suite).append(" | ").append(t[0]).append(" | ").append(t[1]).append(" | ")
          .append(String.join(", ", FAILED.getOrDefault(suite, List.of()).stream().sorted().toList()))
          .append(" |\n");
    }
    s.append("| **all** | **").append(passed).append("** | **").append(total).append("** | |\n");
    String report = "Conformance on the " + BACKEND.name() + ":\n\n" + s;
    System.out.println(report);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("conformance-summary.md"), report, StandardCharsets.UTF_8);
    }
    if (total == CaseFile.total(SUITES)) {
      assertThat(documentedSummary()).as("the summary table in %s; update it to what this run measured",
          DOCS).isEqualTo(s.toString().strip());
    }
  }

  private static final Path DOCS = Path.of("..", "..", "docs", "conformance.md");

  /** The table between the summary markers of docs/conformance.md. */
  static String documentedSummary() throws IOException {
    String text = Files.readString(DOCS, StandardCharsets.UTF_8);
    int from = text.indexOf("<!-- conformance-summary -->");
    int to = text.indexOf("<!-- /conformance-summary -->");
    assertThat(from).as("summary markers in %s", DOCS).isNotNegative();
    return text.substring(from + "<!-- conformance-summary -->".length(), to).strip();
  }
}
