package dev.durable.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.approval.ApprovalException;
import dev.durable.approval.SigningKey;
import dev.durable.examples.triage.OfflineSupportModel;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which model and which approval channels the examples pick from the environment. */
class ConfigurationTest {
  static final SigningKey KEY = SigningKey.fromText("examples-configuration-test-key-0123456789");
  static final URI BASE = URI.create("http://localhost:8087");

  @Test
  void withoutABedrockModelIdTheOfflineModelRunsAndSaysSo() {
    Models m = Models.fromEnvironment(Map.of(), OfflineSupportModel::create);
    assertThat(m.model().id()).isEqualTo("offline");
    assertThat(m.description()).startsWith("the OFFLINE SCRIPTED model").contains("no DURABLE_BEDROCK_MODEL set");
  }

  @Test
  void aModelIdWithoutARegionStaysOfflineAndNamesWhatIsMissing() {
    Models m = Models.fromEnvironment(Map.of("DURABLE_BEDROCK_MODEL", "anthropic.claude-3-5-haiku-20241022-v1:0"),
        OfflineSupportModel::create);
    assertThat(m.description()).contains("DURABLE_BEDROCK_MODEL is set but AWS_REGION is not");
  }

  @Test
  void aModelIdRegionAndCredentialsSelectBedrock() {
    Models m = Models.fromEnvironment(Map.of("DURABLE_BEDROCK_MODEL", "anthropic.claude-3-5-haiku-20241022-v1:0",
        "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), OfflineSupportModel::create);
    assertThat(m.model().id()).isEqualTo("bedrock:anthropic.claude-3-5-haiku-20241022-v1:0");
    assertThat(m.description()).isEqualTo("Amazon Bedrock anthropic.claude-3-5-haiku-20241022-v1:0 in us-east-1"
        + " (from DURABLE_BEDROCK_MODEL)");
    assertThat(m.counter().calls()).isZero();
  }

  @Test
  void channelsComeFromTheEnvironmentAndApproversFromApprovers() {
    ApprovalSetup s = ApprovalSetup.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_CHANNEL", "C1",
        "SMTP_HOST", "smtp.example.com", "SMTP_FROM", "approvals@example.com",
        "APPROVERS", "lead@example.com, U024BE7LH"), BASE, KEY);
    assertThat(s.channels()).containsExactly("slack", "email");
    assertThat(s.approvers()).containsExactly("lead@example.com", "U024BE7LH");
  }

  @Test
  void badOrMissingChannelSettingsAreRefusedNamingTheFix() {
    assertThatThrownBy(() -> ApprovalSetup.fromEnvironment(Map.of(), BASE, KEY))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("no approval channel configured")
        .hasMessageContaining("SLACK_WEBHOOK_URL");
    assertThatThrownBy(() -> ApprovalSetup.fromEnvironment(Map.of("SMTP_HOST", "smtp.example.com"), BASE, KEY))
        .hasMessageContaining("SMTP_FROM is not");
    assertThatThrownBy(() -> ApprovalSetup.fromEnvironment(Map.of("SMTP_HOST", "h", "SMTP_FROM", "a@b.c",
        "SMTP_PORT", "five"), BASE, KEY)).hasMessageContaining("SMTP_PORT is 'five'");
  }
}
