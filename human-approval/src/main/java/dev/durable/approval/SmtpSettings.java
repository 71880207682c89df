package dev.durable.approval;

import java.time.Duration;

/**
 * How {@link EmailNotifier} reaches the mail server.
 *
 * <pre>{@code
 * SmtpSettings smtp = SmtpSettings.startTls("smtp.example.com", 587, "bot", System.getenv("SMTP_PASSWORD"),
 *     "approvals@example.com");
 * }</pre>
 *
 * @param host the SMTP server
 * @param port its port (587 for STARTTLS, 465 for SMTPS)
 * @param username login, or null for none
 * @param password password, or null for none
 * @param from the sender address
 * @param security how the connection is protected
 * @param trustHosts hosts whose certificate is trusted without a CA chain (space separated; "*" =
 *     any — tests only), or null to use the JDK trust store
 * @param timeout connect, read and write timeout
 */
public record SmtpSettings(String host, int port, String username, String password, String from,
    Security security, String trustHosts, Duration timeout) {

  /** Transport protection. */
  public enum Security {
    /** Plain connection upgraded with STARTTLS; refuses servers that do not offer it. */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    SMTPS,
    /** No encryption: only for a relay on localhost. */
    PLAIN
  }

  public SmtpSettings {
    Checks.text("smtp host", host, 253, "the mail server's host name, e.g. smtp.example.com");
    if (port < 1 || port > 65535) {
      throw new ApprovalException("smtp port is " + port + "; use 587 (STARTTLS) or 465 (SMTPS)");
    }
    Checks.text("smtp from", from, 320, "the sender address, e.g. approvals@example.com");
    if ((username == null) != (password == null)) {
      throw new ApprovalException("smtp username and password go together; give both or neither");
    }
    security = security == null ? Security.STARTTLS : security;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }

  /** STARTTLS (required) with login. */
  public static SmtpSettings startTls(String host, int port, String username, String password, String from) {
    return new SmtpSettings(host, port, username, password, from, Security.STARTTLS, null, null);
  }

  /** A copy with other transport security. */
  public SmtpSettings withSecurity(Security s, String trusted) {
    return new SmtpSettings(host, port, username, password, from, s, trusted, timeout);
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", user " + username + ", " + security + ", from " + from + "]";
  }
}
