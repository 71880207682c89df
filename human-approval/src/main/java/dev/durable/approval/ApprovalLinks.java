package dev.durable.approval;

import dev.durable.approval.internal.LinkToken;
import dev.durable.approval.internal.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Mints the signed links and button tokens that notifiers put in front of approvers. The base URL
 * is where the {@link ApprovalEndpoint} (or its Lambda function URL) is reachable.
 *
 * <pre>{@code
 * ApprovalLinks links = ApprovalLinks.of(URI.create("https://approvals.example.com"), key);
 * }</pre>
 */
public final class ApprovalLinks {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI baseUrl;
  private final Tokens tokens;

  private ApprovalLinks(URI baseUrl, Tokens tokens) {
    this.baseUrl = baseUrl;
    this.tokens = tokens;
  }

  /** Links under {@code baseUrl} (http or https, no query), signed with {@code key}. */
  public static ApprovalLinks of(URI baseUrl, SigningKey key) {
    Objects.requireNonNull(key, "key");
    if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null
        || !(baseUrl.getScheme().equals("https") || baseUrl.getScheme().equals("http"))
        || baseUrl.getQuery() != null) {
      throw new ApprovalException("approval base URL is " + baseUrl
          + "; give the endpoint's absolute http(s) address without a query, e.g. https://approvals.example.com");
    }
    String s = baseUrl.toString();
    return new ApprovalLinks(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s), new Tokens(key));
  }

  /** The endpoint's base URL. */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * The page for {@code approver}, preselecting {@code action} ({@code approve} or {@code reject}).
   * Opening it only shows the request; deciding takes a POST from the page.
   */
  public String pageUrl(ApprovalMessage m, String approver, String action) {
    String token = token(m, approver);
    return baseUrl + "/approval/" + enc(m.callbackId()) + "?t=" + token
        + (action == null ? "" : "&a=" + enc(action));
  }

  /** A token for chat buttons, where the chat platform names the person who clicked. */
  public String buttonToken(ApprovalMessage m) {
    return token(m, "");
  }

  private String token(ApprovalMessage m, String subject) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    Instant expires = m.deadline();
    return tokens.sign(new LinkToken(m.executionArn(), m.callbackId(), m.requestHash(), subject,
        expires.getEpochSecond(), HexFormat.of().formatHex(nonce)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
