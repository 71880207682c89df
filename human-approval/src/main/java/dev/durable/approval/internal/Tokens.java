package dev.durable.approval.internal;

import dev.durable.approval.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link LinkToken}s: {@code base64url(json) "." base64url(HMAC-SHA256)}. The MAC
 * covers a version prefix too, so a future format cannot be confused with this one.
 */
public final class Tokens {
  private static final String DOMAIN = "durable-approval-v1.";
  private static final int MAX_TOKEN = 4096;

  private final byte[] key;

  public Tokens(SigningKey key) {
    this.key = key.bytes();
  }

  public String sign(LinkToken token) {
    String body = b64(Canonical.toJson(token).getBytes(StandardCharsets.UTF_8));
    return body + "." + b64(mac(body));
  }

  /** Why a token was refused, with the HTTP status it maps to. */
  public enum Failure {
    MALFORMED(400, "The link is damaged or incomplete."),
    FORGED(403, "The link's signature is not valid.");

    public final int status;
    public final String message;

    Failure(int status, String message) {
      this.status = status;
      this.message = message;
    }
  }

  /** A refused token. */
  public static final class Refused extends Exception {
    public final Failure failure;

    Refused(Failure failure) {
      super(failure.message, null, false, false);
      this.failure = failure;
    }
  }

  /** The token's claims if its signature is valid; expiry is the caller's check. */
  public LinkToken verify(String token) throws Refused {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
      throw new Refused(Failure.MALFORMED);
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      throw new Refused(Failure.MALFORMED);
    }
    String body = token.substring(0, dot);
    // compare the signature as issued text, in constant time and before parsing anything: a
    // non-canonical Base64 spelling of the same bytes (spare low bits set) is refused, not accepted
    byte[] expected = b64(mac(body)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
      throw new Refused(Failure.FORGED);
    }
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new Refused(Failure.MALFORMED);
    }
    try {
      LinkToken t = Canonical.JSON.readValue(json, LinkToken.class);
      if (t.executionArn() == null || t.callbackId() == null || t.requestHash() == null) {
        throw new Refused(Failure.MALFORMED);
      }
      return t;
    } catch (java.io.IOException e) {
      throw new Refused(Failure.MALFORMED);
    }
  }

  private byte[] mac(String body) {
    return hmac(key, DOMAIN + body);
  }

  /** HMAC-SHA256 of {@code text} under {@code key}. */
  public static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

}
