package dev.durable.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the compact expectation files under {@code dev/durable/conformance/<suite>.cases}.
 *
 * <p>Format, one case per block: {@code case N}, then {@code var NAME LENGTH} (a random string of
 * that length), {@code input JSON}, {@code async}, {@code status S}, {@code result JSON},
 * {@code partial} (only the listed events are asserted), {@code action OP CALLBACK DELAY PAYLOAD|-}, {@code log COUNT REGEX}; then one line per expected
 * event, indented: {@code EVENT_ID<TAB>TYPE<TAB>key=value...}. Keys {@code sub}, {@code name} hold
 * JSON strings, {@code id} and {@code parent} placeholder names; other keys are detail paths with a
 * JSON value or {@code *}. {@code #} starts a comment line.
 */
final class CaseFile {
  private CaseFile() {}

  /** How many cases the suites hold together. */
  static int total(List<String> suites) {
    return suites.stream().mapToInt(s -> load(s).size()).sum();
  }

  static List<ConformanceCase> load(String suite) {
    String path = "/dev/durable/conformance/" + suite + ".cases";
    try (InputStream in = CaseFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no expectation file " + path + " on the test class path");
      }
      return parse(suite, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ConformanceCase> parse(String suite, BufferedReader reader) throws IOException {
    List<ConformanceCase> cases = new ArrayList<>();
    Builder b = null;
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("  ")) {
        if (b == null) {
          throw new IllegalStateException(suite + ".cases:" + lineNo + ": event before any 'case'");
        }
        b.events.add(event(line.trim()));
        continue;
      }
      String[] kv = line.split(" ", 2);
      String rest = kv.length > 1 ? kv[1] : "";
      switch (kv[0]) {
        case "case" -> {
          if (b != null) {
            cases.add(b.build());
          }
          b = new Builder(suite, rest);
        }
        case "var" -> {
          String[] p = rest.split(" ");
          b.variables.put(p[0], Integer.parseInt(p[1]));
        }
        case "input" -> b.input = rest;
        case "async" -> b.async = true;
        case "partial" -> b.partial = true;
        case "status" -> b.status = rest;
        case "result" -> b.result = rest;
        case "action" -> {
          String[] p = rest.split(" ", 4);
          b.actions.add(new ConformanceCase.CallbackAction(p[0], p[1], Integer.parseInt(p[2]),
              "-".equals(p[3]) ? null : p[3]));
        }
        case "log" -> {
          String[] p = rest.split(" ", 2);
          b.logs.add(new ConformanceCase.ExpectedLog(Integer.parseInt(p[0]), p[1]));
        }
        default -> throw new IllegalStateException(
            suite + ".cases:" + lineNo + ": unknown keyword '" + kv[0] + "'");
      }
    }
    if (b != null) {
      cases.add(b.build());
    }
    return cases;
  }

  private static ConformanceCase.ExpectedEvent event(String line) {
    String[] tokens = line.split("\t");
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 2; i < tokens.length; i++) {
      int eq = tokens[i].indexOf('=');
      fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
    }
    return new ConformanceCase.ExpectedEvent(Integer.parseInt(tokens[0]), tokens[1], fields);
  }

  private static final class Builder {
    final String suite;
    final String number;
    final Map<String, Integer> variables = new LinkedHashMap<>();
    String input = "null";
    boolean async;
    boolean partial;
    String status;
    String result;
    final List<ConformanceCase.CallbackAction> actions = new ArrayList<>();
    final List<ConformanceCase.ExpectedLog> logs = new ArrayList<>();
    final List<ConformanceCase.ExpectedEvent> events = new ArrayList<>();

    Builder(String suite, String number) {
      this.suite = suite;
      this.number = number;
    }

    ConformanceCase build() {
      return new ConformanceCase(suite, number, variables, input, async, partial, status, result,
          List.copyOf(actions), List.copyOf(logs), List.copyOf(events));
    }
  }
}
