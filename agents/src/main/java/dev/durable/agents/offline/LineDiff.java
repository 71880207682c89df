package dev.durable.agents.offline;

import java.util.List;

/** A small line diff (longest common subsequence) for cassette misses. */
final class LineDiff {
  private LineDiff() {}

  /** Lines only in one of the two texts. */
  static int changedLines(String a, String b) {
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    return x.size() + y.size() - 2 * lcs(x, y)[0][0];
  }

  /** The differing lines, each with one line of context, as {@code -}/{@code +} lines. */
  static String render(String recorded, String actual) {
    List<String> x = recorded.lines().toList();
    List<String> y = actual.lines().toList();
    int[][] table = lcs(x, y);
    StringBuilder out = new StringBuilder();
    int i = 0;
    int j = 0;
    String lastSame = null;
    boolean gap = false;
    while (i < x.size() || j < y.size()) {
      if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
        if (gap) {
          out.append("  ").append(x.get(i)).append('\n');
          gap = false;
        }
        lastSame = x.get(i);
        i++;
        j++;
      } else {
        if (!gap && lastSame != null) {
          out.append("  ").append(lastSame).append('\n');
        }
        gap = true;
        if (j < y.size() && (i >= x.size() || table[i][j + 1] >= table[i + 1][j])) {
          out.append("+ ").append(y.get(j++)).append('\n');
        } else {
          out.append("- ").append(x.get(i++)).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static int[][] lcs(List<String> x, List<String> y) {
    int[][] t = new int[x.size() + 1][y.size() + 1];
    for (int i = x.size() - 1; i >= 0; i--) {
      for (int j = y.size() - 1; j >= 0; j--) {
        t[i][j] = x.get(i).equals(y.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    return t;
  }
}
