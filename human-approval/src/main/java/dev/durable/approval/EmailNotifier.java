package dev.durable.approval;

import dev.durable.approval.internal.Html;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Emails each approver whose id is an address a text and HTML message with their own signed
 * approve and reject links (Jakarta Mail on Eclipse Angus). The links open the approval page; only
 * the button on that page decides. Slack user ids in the approver list are skipped.
 *
 * <pre>{@code
 * new EmailNotifier(SmtpSettings.startTls("smtp.example.com", 587, "bot", password, "approvals@example.com"));
 * }</pre>
 */
public final class EmailNotifier implements ApprovalNotifier {
  private final SmtpSettings smtp;
  private final Session session;

  public EmailNotifier(SmtpSettings smtp) {
    this.smtp = smtp;
    this.session = session(smtp);
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public NotificationReceipt send(ApprovalMessage m, String idempotencyKey) throws MessagingException {
    List<String> to = m.approvers().stream().filter(a -> a.contains("@")).toList();
    List<String> sent = new ArrayList<>();
    if (to.isEmpty()) {
      return new NotificationReceipt(name(), Map.of("to", ""));
    }
    // an explicit transport: Transport.send would pick plain "smtp" for every address, even for SMTPS
    try (Transport transport = session.getTransport(protocol(smtp))) {
      transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
      for (String approver : to) {
        sendOne(transport, m, approver, idempotencyKey);
        sent.add(approver);
      }
    }
    return new NotificationReceipt(name(), Map.of("to", String.join(",", sent)));
  }

  private void sendOne(Transport transport, ApprovalMessage m, String approver, String idempotencyKey)
      throws MessagingException {
    {
      MimeMessage mail = new MimeMessage(session);
      mail.setFrom(new InternetAddress(smtp.from()));
      mail.setRecipient(Message.RecipientType.TO, new InternetAddress(approver, true));
      mail.setSubject(m.subject(), "UTF-8");
      // lets a receiving system drop a duplicate if a retry resends after a lost reply
      mail.setHeader("X-Durable-Approval-Key", idempotencyKey + ":" + approver);
      MimeMultipart alt = new MimeMultipart("alternative");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(text(m, approver), "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setContent(html(m, approver), "text/html; charset=UTF-8");
      alt.addBodyPart(text);
      alt.addBodyPart(html);
      mail.setContent(alt);
      mail.saveChanges();
      transport.sendMessage(mail, mail.getAllRecipients());
    }
  }

  private static String protocol(SmtpSettings s) {
    return s.security() == SmtpSettings.Security.SMTPS ? "smtps" : "smtp";
  }

  private static String text(ApprovalMessage m, String approver) {
    var r = m.request();
    return r.title() + "\n\nRequested by " + r.requester() + ". Decide before " + m.deadline() + ".\n\n"
        + r.details() + "\n\nPayload (SHA-256 " + r.payloadHash() + "):\n" + r.payloadJson() + "\n\n"
        + "Approve: " + m.pageUrl(approver, "approve") + "\n"
        + "Reject:  " + m.pageUrl(approver, "reject") + "\n\n"
        + "The link opens a page that shows the request; nothing is decided until you press a button there.\n";
  }

  private static String html(ApprovalMessage m, String approver) {
    var r = m.request();
    return "<html><body><h2>" + Html.esc(r.title()) + "</h2><p>Requested by " + Html.esc(r.requester())
        + ". Decide before " + Html.esc(m.deadline().toString()) + ".</p>"
        + "<div style=\"white-space:pre-wrap\">" + Html.esc(r.details()) + "</div>"
        + "<pre>" + Html.esc(r.payloadJson()) + "</pre>"
        + "<p><a id=\"approve\" href=\"" + Html.esc(m.pageUrl(approver, "approve")) + "\">Approve…</a> &nbsp; "
        + "<a id=\"reject\" href=\"" + Html.esc(m.pageUrl(approver, "reject")) + "\">Reject…</a></p>"
        + "<p><small>The link opens a page that shows the request; nothing is decided until you press a "
        + "button there.</small></p></body></html>";
  }

  private static Session session(SmtpSettings s) {
    Properties p = new Properties();
    String proto = protocol(s);
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", s.host());
    p.put("mail." + proto + ".port", String.valueOf(s.port()));
    String ms = String.valueOf(s.timeout().toMillis());
    p.put("mail." + proto + ".connectiontimeout", ms);
    p.put("mail." + proto + ".timeout", ms);
    p.put("mail." + proto + ".writetimeout", ms);
    p.put("mail." + proto + ".auth", String.valueOf(s.username() != null));
    if (s.security() == SmtpSettings.Security.STARTTLS) {
      // required, not just enabled: otherwise a stripped STARTTLS offer silently downgrades to plain text
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (s.security() != SmtpSettings.Security.PLAIN) {
      // "*" is trust-anything for test servers with self-signed certificates, whose names never match
      p.put("mail." + proto + ".ssl.checkserveridentity", String.valueOf(!"*".equals(s.trustHosts())));
      if (s.trustHosts() != null) {
        p.put("mail." + proto + ".ssl.trust", s.trustHosts());
      }
    }
    Authenticator auth = s.username() == null ? null : new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(s.username(), s.password());
      }
    };
    return Session.getInstance(p, auth);
  }
}
