package dev.durable.approval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The HMAC-SHA256 key that signs approval links and buttons. The workflow (which mints links) and
 * the endpoint (which checks them) must share it; at least 32 bytes of randomness.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.fromBase64(System.getenv("APPROVAL_SIGNING_KEY"));
 * // make one: openssl rand -base64 32
 * }</pre>
 */
public final class SigningKey {
  /** Shortest key accepted: the HMAC-SHA256 block security level. */
  public static final int MIN_BYTES = 32;

  private final byte[] key;

  private SigningKey(byte[] key) {
    this.key = key;
  }

  /** A key from raw bytes; refuses fewer than 32. */
  public static SigningKey of(byte[] bytes) {
    if (bytes == null || bytes.length < MIN_BYTES) {
      throw new ApprovalException("signing key is " + (bytes == null ? "missing" : bytes.length + " bytes")
          + "; it must be at least " + MIN_BYTES + " random bytes (generate one with `openssl rand -base64 32`)");
    }
    return new SigningKey(bytes.clone());
  }

  /** A key from Base64 text such as {@code openssl rand -base64 32} prints. */
  public static SigningKey fromBase64(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new ApprovalException("signing key is missing; set it to the output of `openssl rand -base64 32`");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new ApprovalException("signing key is not Base64 (" + e.getMessage()
          + "); set it to the output of `openssl rand -base64 32`", e);
    }
    return of(bytes);
  }

  /** A key from text (for secrets stored as plain strings); refuses fewer than 32 bytes of UTF-8. */
  public static SigningKey fromText(String secret) {
    return of(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the key bytes, for the HMAC. */
  public byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "SigningKey[" + key.length + " bytes, fingerprint redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && java.security.MessageDigest.isEqual(key, k.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }
}
