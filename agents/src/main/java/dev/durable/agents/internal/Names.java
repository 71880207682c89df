package dev.durable.agents.internal;

/** Makes operation names from model-supplied text: printable ASCII, at most 256 characters. */
public final class Names {
  private static final int MAX = 256;

  private Names() {}

  /** {@code raw} with non-printable or non-ASCII characters replaced by '_', cut to 256. */
  public static String of(String raw) {
    StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX));
    for (int i = 0; i < raw.length() && sb.length() < MAX; i++) {
      char c = raw.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '_');
    }
    return sb.length() == 0 ? "_" : sb.toString();
  }
}
