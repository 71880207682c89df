package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fails when a Java block of a guide drifts from the test that compiles and runs it, or when a guide
 * shows Java that no test runs.
 */
class DocSnippetsTest {

  @TestFactory
  Stream<DynamicTest> everyMarkedSnippetMatchesItsSource() {
    return DocSnippets.guides().stream().flatMap(doc -> DocSnippets.snippets(doc).stream())
        .map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
          Path source = DocSnippets.source(s.testClass());
          String region = DocSnippets.region(source, s.name());
          assertThat(region).as("region // snippet:%s … // end in %s", s.name(), source).isNotNull();
          assertThat(DocSnippets.normalize(s.code())).as("%s", s).isEqualTo(DocSnippets.normalize(region));
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockIsMarked() {
    return DocSnippets.guides().stream().map(doc -> DynamicTest.dynamicTest(DocSnippets.ROOT.relativize(doc).toString(),
        () -> assertThat(DocSnippets.snippets(doc)).as("marked Java blocks of %s (each ```java fence needs a "
            + "<!-- snippet: Test#name --> line before it)", doc).hasSize(DocSnippets.javaBlocks(doc))));
  }

  @Test
  void theCheckerSeesADrift() {
    String shown = "int a = 1;\n  int b = 2;\n";
    String source = "    int a = 1;\n    int b = 3;\n";
    assertThat(DocSnippets.normalize(shown)).isNotEqualTo(DocSnippets.normalize(source));
    assertThat(DocSnippets.normalize("  x();\n\n")).isEqualTo(DocSnippets.normalize("x();"));
    assertThat(DocSnippets.guides()).extracting(p -> p.getFileName().toString()).contains("README.md");
    List<DocSnippets.Snippet> readme = DocSnippets.snippets(DocSnippets.ROOT.resolve("README.md"));
    assertThat(readme).isNotEmpty();
  }
}
