package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.durable.core.model.OperationStatus;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real SMTP server (GreenMail, SMTPS with login): the mail is read and its link followed. */
class EmailApprovalTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(
      new com.icegreen.greenmail.util.ServerSetup[] {ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.SMTP.dynamicPort()})
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("approvals@example.com", "bot", "s3cret"));

  static EmailNotifier smtps() {
    return new EmailNotifier(new SmtpSettings("127.0.0.1", MAIL.getSmtps().getPort(), "bot", "s3cret",
        "approvals@example.com", SmtpSettings.Security.SMTPS, "*", Duration.ofSeconds(10)));
  }

  static ApprovalRequest request() {
    return ApprovalRequest.builder("Refund order 42").details("Parcel lost <b>in transit</b>.")
        .requester("support-agent").payload(Map.of("order", 42, "cents", 12000))
        .approvers("lead@example.com", "U0LEAD").timeout(Duration.ofHours(2)).build();
  }

  /** The approve (or reject) link of the latest mail, read from its text part. */
  static String link(MimeMessage mail, String action) throws Exception {
    MimeMultipart alt = (MimeMultipart) mail.getContent();
    String text = (String) alt.getBodyPart(0).getContent();
    String html = (String) alt.getBodyPart(1).getContent();
    assertThat(html).contains("Parcel lost &lt;b&gt;in transit&lt;/b&gt;."); // escaped, not rendered
    Matcher m = Pattern.compile("(?m)^" + (action.equals("approve") ? "Approve: " : "Reject:  ") + "(\\S+)$").matcher(text);
    assertThat(m.find()).as("a %s link in:%n%s", action, text).isTrue();
    return m.group(1);
  }

  @Test
  void theMailedLinkShowsTheRequestAndOnlyThePostDecides() throws Exception {
    try (Stack stack = new Stack(EmailApprovalTest::request, smtps())) {
      String arn = stack.start("email-1");
      assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
      MimeMessage mail = MAIL.getReceivedMessages()[0];
      assertThat(mail.getSubject()).isEqualTo("Approval needed: Refund order 42");
      assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("lead@example.com");
      String approve = link(mail, "approve");
      assertThat(approve).startsWith(stack.base + "/approval/");

      HttpResponse<String> page = Http.get(approve);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Refund order 42").contains("&quot;cents&quot;:12000")
          .contains("id=\"approve\"").doesNotContain("<b>in transit</b>");
      assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(stack.callback(arn).orElseThrow().status()).isEqualTo(OperationStatus.STARTED);

      HttpResponse<String> decided = Http.postForm(Http.formAction(approve),
          Map.of("t", Http.query(approve).get("t"), "action", "approve", "comment", "fine by me"));
      assertThat(decided.statusCode()).isEqualTo(200);
      assertThat(decided.body()).contains("Approved by lead@example.com");
      assertThat(stack.runtime.await(arn, String.class, Duration.ofSeconds(30))).isEqualTo("DONE by lead@example.com");
      assertThat(MAIL.getReceivedMessages()).hasSize(1); // replays sent nothing more

      HttpResponse<String> again = Http.get(approve);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("Already decided").contains("id=\"run-status\">SUCCEEDED");
    }
  }

  @Test
  void startTlsIsRequiredNotOptional() {
    // GreenMail's plain SMTP does not offer STARTTLS: the notifier must refuse rather than send in clear text
    EmailNotifier strict = new EmailNotifier(SmtpSettings.startTls("127.0.0.1", MAIL.getSmtp().getPort(), "bot",
        "s3cret", "approvals@example.com"));
    ApprovalMessage m = new ApprovalMessage(ApprovalMessage.Kind.REQUEST, request(), request().requestHash(),
        "arn:x", "cb-1", java.time.Instant.now().plusSeconds(60), request().approvers(),
        ApprovalLinks.of(java.net.URI.create("http://localhost"), Stack.KEY));
    assertThatThrownBy(() -> strict.send(m, "k")).hasMessageContaining("STARTTLS");
    assertThat(MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void wrongSmtpPasswordFailsTheSendSoTheStepRetries() {
    EmailNotifier wrong = new EmailNotifier(new SmtpSettings("127.0.0.1", MAIL.getSmtps().getPort(), "bot",
        "wrong", "approvals@example.com", SmtpSettings.Security.SMTPS, "*", Duration.ofSeconds(10)));
    ApprovalMessage m = new ApprovalMessage(ApprovalMessage.Kind.REQUEST, request(), request().requestHash(),
        "arn:x", "cb-1", java.time.Instant.now().plusSeconds(60), request().approvers(),
        ApprovalLinks.of(java.net.URI.create("http://localhost"), Stack.KEY));
    assertThatThrownBy(() -> wrong.send(m, "k")).isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
    assertThat(MAIL.getReceivedMessages()).isEmpty();
  }
}
