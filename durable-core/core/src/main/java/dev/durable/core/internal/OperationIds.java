package dev.durable.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic positional operation ids: lowercase hex SHA-256 of {@code <counter>} at the root and
 * {@code <parentId>-<counter>} in a child context, the scheme of AWS's Java SDK. Frozen: it is part
 * of every journal, changing it would break runs in flight.
 */
final class OperationIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  });

  private OperationIds() {}

  static String id(String parentPrefix, int counter) {
    String raw = parentPrefix.isEmpty() ? Integer.toString(counter) : parentPrefix + "-" + counter;
    return hash(raw);
  }

  static String hash(String raw) {
    byte[] digest = SHA256.get().digest(raw.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[i * 2] = HEX[(digest[i] >> 4) & 0xf];
      out[i * 2 + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  /** A 64-bit seed from the first bytes of the hash of {@code raw}. */
  static long seed(String raw) {
    byte[] digest = SHA256.get().digest(raw.getBytes(StandardCharsets.UTF_8));
    long s = 0;
    for (int i = 0; i < 8; i++) {
      s = (s << 8) | (digest[i] & 0xff);
    }
    return s;
  }
}
