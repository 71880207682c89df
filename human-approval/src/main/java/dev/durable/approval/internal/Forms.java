package dev.durable.approval.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** application/x-www-form-urlencoded and query parsing; refuses repeated or undecodable fields. */
public final class Forms {
  private Forms() {}

  /** Thrown for input that is not a well-formed form. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  public static Map<String, String> parse(String encoded) throws Malformed {
    Map<String, String> out = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k;
      String v;
      try {
        k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new Malformed("the form field '" + pair.substring(0, Math.min(40, pair.length()))
            + "' is not URL-encoded");
      }
      // a repeated field is how parameter-pollution attacks smuggle a second value past a check
      if (out.put(k, v) != null) {
        throw new Malformed("the form field '" + k + "' appears more than once");
      }
    }
    return out;
  }
}
