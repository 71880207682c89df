package dev.durable.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ties the Java blocks of the Markdown guides to the tests that run them.
 *
 * <p>A guide marks each Java block with {@code <!-- snippet: SomeTest#name -->} on the line before the fence;
 * {@code SomeTest.java} (a test class anywhere in the repository) holds the same code between
 * {@code // snippet:name} and {@code // end}. Indentation is ignored, so a snippet may sit inside a method.
 */
final class DocSnippets {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKED =
      Pattern.compile("<!-- snippet: (\\w+)#(\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ANY_JAVA = Pattern.compile("```java\\n", Pattern.DOTALL);

  private DocSnippets() {}

  /** One marked block of a guide. */
  record Snippet(Path doc, String testClass, String name, String code) {
    @Override
    public String toString() {
      return ROOT.relativize(doc) + " → " + testClass + "#" + name;
    }
  }

  /** Every Markdown file under docs/ and the module READMEs, README.md included. */
  static List<Path> guides() {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).filter(p -> !p.toString().contains("/target/"))
          .sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> readmes = Files.walk(ROOT, 3)) {
      readmes.filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/"))
          .sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<Snippet> snippets(Path doc) {
    String text = read(doc);
    List<Snippet> out = new ArrayList<>();
    Matcher m = MARKED.matcher(text);
    while (m.find()) {
      out.add(new Snippet(doc, m.group(1), m.group(2), m.group(3)));
    }
    return out;
  }

  /** How many Java fences the guide has, marked or not. */
  static int javaBlocks(Path doc) {
    Matcher m = ANY_JAVA.matcher(read(doc));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The test source that holds a snippet: {@code <testClass>.java} under some {@code src/test/java}. */
  static Path source(String testClass) {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> hits = files
          .filter(p -> p.getFileName().toString().equals(testClass + ".java"))
          .filter(p -> p.toString().contains("/src/test/java/") && !p.toString().contains("/target/"))
          .toList();
      if (hits.size() != 1) {
        throw new IllegalStateException("expected exactly one test source named " + testClass + ".java, found " + hits);
      }
      return hits.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The region {@code // snippet:name} … {@code // end} of a test source, or null when absent. */
  static String region(Path source, String name) {
    String self = read(source);
    int start = self.indexOf("// snippet:" + name + "\n");
    if (start < 0) {
      return null;
    }
    int from = self.indexOf('\n', start) + 1;
    int end = self.indexOf("// end", from);
    return end < 0 ? null : self.substring(from, end);
  }

  /** Trims each line and drops blank ones at the ends, so indentation inside a method does not count. */
  static String normalize(String code) {
    return code.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip();
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
