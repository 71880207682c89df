package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.approval.internal.LinkToken;
import dev.durable.approval.internal.Tokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration refuses to start, and says what to do. */
class ConfigurationTest {
  static final CallbackSink NOWHERE = CallbackSink.of(arn -> List.of(), (id, json) -> {
    throw new IllegalStateException("not used");
  });

  @Test
  void missingOrShortSigningKeysRefuseToStart() {
    assertThatThrownBy(() -> ApprovalEndpoint.start(new InetSocketAddress(0), EndpointConfig.of(null, NOWHERE)))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("signingKey is missing");
    assertThatThrownBy(() -> SigningKey.fromBase64("c2hvcnQ=")).hasMessageContaining("5 bytes")
        .hasMessageContaining("at least 32");
    assertThatThrownBy(() -> SigningKey.fromBase64("")).hasMessageContaining("signing key is missing");
    assertThatThrownBy(() -> SigningKey.fromBase64("%%%")).hasMessageContaining("not Base64");
    assertThat(SigningKey.of(new byte[32]).toString()).doesNotContain("0, 0");
  }

  @Test
  void shortSlackSecretsAndBadUrlsAreRefused() {
    assertThatThrownBy(() -> EndpointConfig.of(Stack.KEY, NOWHERE).withSlackSigningSecret("abc"))
        .hasMessageContaining("slackSigningSecret is 3 characters");
    assertThatThrownBy(() -> ApprovalLinks.of(URI.create("ftp://x"), Stack.KEY)).hasMessageContaining("http(s)");
    assertThatThrownBy(() -> ApprovalLinks.of(URI.create("https://x/?q=1"), Stack.KEY)).hasMessageContaining("without a query");
    assertThatThrownBy(() -> new SlackSettings(null, null, null, null, null)).hasMessageContaining("not neither");
    assertThatThrownBy(() -> SmtpSettings.startTls("smtp.example.com", 587, "user", null, "a@example.com"))
        .hasMessageContaining("username and password go together");
    assertThatThrownBy(() -> ApprovalOptions.of(ApprovalLinks.of(URI.create("https://x"), Stack.KEY)))
        .hasMessageContaining("notifiers is empty");
    assertThatThrownBy(() -> ApprovalOptions.of(ApprovalLinks.of(URI.create("https://x"), Stack.KEY),
        new RecordingNotifier("a"), new RecordingNotifier("a"))).hasMessageContaining("unique");
  }

  @Test
  void tokensRoundTripAndAnyChangedByteIsForged() throws Exception {
    Tokens tokens = new Tokens(Stack.KEY);
    LinkToken t = new LinkToken("arn:aws:lambda:us-east-1:1:function:f/durable-execution/x", "cb-1", "ab".repeat(32),
        "lead@example.com", 2_000_000_000L, "n1");
    String signed = tokens.sign(t);
    assertThat(tokens.verify(signed)).isEqualTo(t);
    for (int i = 0; i < signed.length(); i++) {
      char c = signed.charAt(i);
      String changed = signed.substring(0, i) + (c == 'A' ? 'B' : 'A') + signed.substring(i + 1);
      if (changed.equals(signed)) {
        continue;
      }
      try {
        tokens.verify(changed);
        throw new AssertionError("accepted a token changed at " + i);
      } catch (Tokens.Refused expected) {
        assertThat(expected.failure).isIn(Tokens.Failure.FORGED, Tokens.Failure.MALFORMED);
      }
    }
    assertThatThrownBy(() -> new Tokens(SigningKey.fromText("another-key-another-key-another-key!!")).verify(signed))
        .isInstanceOf(Tokens.Refused.class);
  }

  @Test
  void everyOtherSpellingOfTheSignatureIsRefused() {
    Tokens tokens = new Tokens(Stack.KEY);
    String signed = tokens.sign(new LinkToken("arn", "cb", "ab".repeat(32), "a@example.com", 2_000_000_000L, "n"));
    String sig = signed.substring(signed.indexOf('.') + 1);
    String prefix = signed.substring(0, signed.indexOf('.') + 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // the last character carries spare bits: decoders accept several spellings of the same bytes
    for (char c : alphabet.toCharArray()) {
      String other = prefix + sig.substring(0, sig.length() - 1) + c;
      if (!other.equals(signed)) {
        assertThatThrownBy(() -> tokens.verify(other)).as("last character %s", c).isInstanceOf(Tokens.Refused.class);
      }
    }
    assertThatThrownBy(() -> tokens.verify(signed + "=")).isInstanceOf(Tokens.Refused.class);
  }

  @Test
  void oversizedDetailsAndPayloadsAreRefused() {
    assertThatThrownBy(() -> ApprovalRequest.builder("t").approvers("a@example.com").payload(Map.of())
        .details("x".repeat(20_001)).build()).hasMessageContaining("details is 20001 characters");
    assertThatThrownBy(() -> ApprovalRequest.builder("t").approvers("a@example.com")
        .payloadJson("\"" + "x".repeat(70_000) + "\"").build()).hasMessageContaining("over the limit of 65536");
  }
}
