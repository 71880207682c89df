package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an observed history against a case's expected events. Events are compared by position
 * (event id); a position the case leaves out may hold only an InvocationCompleted. Placeholders
 * ({@code ${ID1}}, {@code ${CTX_M}} …) bind on first use: the same placeholder must meet the same
 * value everywhere, and two placeholders never the same value. A terminal execution event after
 * the last expected one is accepted when the case does not list execution events (some cases
 * were recorded before the service appended it).
 *
 * <p>Deliberate leniency: a missing {@code name} is not checked, because our API names every
 * operation while the cases' handlers may leave names out (see docs/conformance.md).
 */
final class HistoryMatcher {
  private static final Pattern REGEX = Pattern.compile("\\$\\{/(.*)/}");
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final Map<String, String> variables;
  private final Map<String, String> bound = new HashMap<>();
  private final Map<String, String> boundBy = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  HistoryMatcher(Map<String, String> variables) {
    this.variables = variables;
  }

  /** Substitutes the case's generated variables; other placeholders are left for binding. */
  String resolve(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every difference found, empty when the history conforms. */
  List<String> match(List<ConformanceCase.ExpectedEvent> expected, List<ObservedEvent> observed,
      boolean partial) {
    Map<Integer, ObservedEvent> byId = new HashMap<>();
    observed.forEach(e -> byId.put(e.eventId(), e));
    int last = 1;
    for (ConformanceCase.ExpectedEvent exp : expected) {
      last = Math.max(last, exp.eventId());
      ObservedEvent actual = byId.get(exp.eventId());
      if (actual == null) {
        problems.add("event " + exp.eventId() + ": expected " + exp.type() + ", the history ends at "
            + observed.size());
        continue;
      }
      event(exp, actual);
    }
    if (partial) {
      return problems;
    }
    for (ObservedEvent e : observed) {
      int id = e.eventId();
      boolean listed = expected.stream().anyMatch(x -> x.eventId() == id);
      if (id > 1 && id < last && !listed && !"InvocationCompleted".equals(e.type())) {
        problems.add("event " + id + ": unexpected " + e);
      }
    }
    boolean casesListExecutionEnd = expected.stream().anyMatch(x -> x.type().startsWith("Execution"));
    for (ObservedEvent e : observed) {
      if (e.eventId() > last) {
        boolean tolerated = !casesListExecutionEnd && e.eventId() == last + 1
            && e.type().startsWith("Execution");
        if (!tolerated) {
          problems.add("event " + e.eventId() + ": unexpected " + e + " after the expected history");
        }
      }
    }
    return problems;
  }

  private void event(ConformanceCase.ExpectedEvent exp, ObservedEvent actual) {
    String where = "event " + exp.eventId() + " (" + exp.type() + ")";
    if (!exp.type().equals(actual.type())) {
      problems.add(where + ": got " + actual);
      return;
    }
    Map<String, String> f = exp.fields();
    if (f.containsKey("sub")) {
      text(where + " SubType", f.get("sub"), actual.subType());
    }
    if (f.containsKey("id")) {
      bind(where + " Id", f.get("id"), actual.id());
    }
    if (f.containsKey("parent")) {
      bind(where + " ParentId", f.get("parent"), actual.parentId());
    } else if (actual.id() != null && actual.parentId() != null) {
      problems.add(where + ": expected no ParentId, got " + actual);
    }
    if (f.containsKey("name")) {
      String name = WireEvents.tree(resolve(f.get("name"))).asText();
      if (VAR.matcher(name).matches()) {
        bind(where + " Name", name.substring(2, name.length() - 1), actual.name());
      } else if (!name.equals(actual.name())) {
        problems.add(where + ": Name '" + name + "', got " + actual);
      }
    }
    for (Map.Entry<String, String> d : f.entrySet()) {
      if (!Character.isUpperCase(d.getKey().charAt(0))) {
        continue;
      }
      JsonNode node = actual.details();
      for (String part : d.getKey().split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      detail(where + " " + d.getKey(), d.getValue(), node, actual);
    }
  }

  private void detail(String where, String expected, JsonNode node, ObservedEvent actual) {
    boolean present = node != null && !node.isNull();
    if ("*".equals(expected)) {
      if (!present) {
        problems.add(where + ": expected a value, got " + actual);
      }
      return;
    }
    JsonNode want = WireEvents.tree(resolve(expected));
    Matcher regex = want == null ? null : REGEX.matcher(want.asText());
    if (want != null && want.isTextual() && regex.matches()) {
      if (!present || !Pattern.compile(regex.group(1)).matcher(node.asText()).find()) {
        problems.add(where + ": expected to match /" + regex.group(1) + "/, got " + actual);
      }
      return;
    }
    if (want == null || want.isNull()) {
      if (present) {
        problems.add(where + ": expected none, got " + actual);
      }
      return;
    }
    if (!present) {
      problems.add(where + ": expected " + want + ", got " + actual);
      return;
    }
    if (!sameValue(want, node)) {
      problems.add(where + ": expected " + want + ", got " + node + " in " + actual);
    }
  }

  /** JSON-valued strings (payloads) compare as JSON, so formatting does not matter. */
  private static boolean sameValue(JsonNode want, JsonNode got) {
    if (want.equals(got)) {
      return true;
    }
    if (want.isTextual() && got.isTextual()) {
      JsonNode a = WireEvents.tree(want.asText());
      JsonNode b = WireEvents.tree(got.asText());
      return a != null && a.equals(b);
    }
    if (want.isNumber() && got.isNumber()) {
      return want.decimalValue().compareTo(got.decimalValue()) == 0;
    }
    return false;
  }

  private void text(String where, String expectedJson, String actual) {
    String want = WireEvents.tree(resolve(expectedJson)).asText();
    if (!want.equals(actual)) {
      problems.add(where + ": expected '" + want + "', got '" + actual + "'");
    }
  }

  private void bind(String where, String placeholder, String actual) {
    if (actual == null) {
      problems.add(where + ": expected ${" + placeholder + "}, got none");
      return;
    }
    String previous = bound.get(placeholder);
    if (previous == null) {
      String other = boundBy.get(actual);
      if (other != null && !other.equals(placeholder)) {
        problems.add(where + ": ${" + placeholder + "} and ${" + other + "} both bind " + actual);
        return;
      }
      bound.put(placeholder, actual);
      boundBy.put(actual, placeholder);
    } else if (!Objects.equals(previous, actual)) {
      problems.add(where + ": ${" + placeholder + "} is " + previous + " elsewhere, here " + actual);
    }
  }
}
