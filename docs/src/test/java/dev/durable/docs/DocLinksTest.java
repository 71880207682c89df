package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Fails when a guide links to a file of the repository that does not exist (renamed or never written). */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** The relative link targets of a Markdown text, without their {@code #anchor}. */
  static List<String> localLinks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = LINK.matcher(markdown);
    while (m.find()) {
      String target = m.group(1);
      if (target.contains("://") || target.startsWith("mailto:") || target.startsWith("#")) {
        continue;
      }
      int hash = target.indexOf('#');
      out.add(hash < 0 ? target : target.substring(0, hash));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyLocalLinkPointsToAFile() {
    return DocSnippets.guides().stream().map(doc -> DynamicTest.dynamicTest(DocSnippets.ROOT.relativize(doc).toString(),
        () -> {
          List<String> broken = localLinks(DocSnippets.read(doc)).stream()
              .filter(target -> !Files.exists(doc.getParent().resolve(target).normalize())).toList();
          assertThat(broken).as("links of %s to files that do not exist", doc).isEmpty();
        }));
  }

  @Test
  void theCheckerFindsLocalLinksOnly() {
    assertThat(localLinks("see [a](agents.md#tools), [b](https://x.dev/a.md), [c](#top) and [d](adr/README.md)"))
        .containsExactly("agents.md", "adr/README.md");
    assertThat(Files.exists(Path.of("..").resolve("docs/agents.md"))).isTrue();
  }
}
