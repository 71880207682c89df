package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.approval.internal.Verdict;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.retry.RetryPolicy;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalOperationTest {
  static final SigningKey KEY = SigningKey.fromText("0123456789abcdef0123456789abcdef-test-key");
  static final ApprovalLinks LINKS = ApprovalLinks.of(URI.create("http://localhost:1"), KEY);

  private final RecordingNotifier notifier = new RecordingNotifier("rec");

  private DurableTestRunner<String, String> runner(ApprovalRequest request, ApprovalNotifier... notifiers) {
    ApprovalNotifier[] ns = notifiers.length == 0 ? new ApprovalNotifier[] {notifier} : notifiers;
    DurableTestRunner<String, String>[] holder = new DurableTestRunner[1];
    DurableFunction<String, String> fn = (in, ctx) -> {
      ApprovalOptions options = ApprovalOptions.of(LINKS, ns).withClock(holder[0].clock())
          .withNotifyStep(StepOptions.defaults().withRetry(
              RetryPolicy.fixed(3, Duration.ofSeconds(5))));
      Decision d = Approvals.request(ctx, "approve-refund", request, options);
      return d.getClass().getSimpleName() + ":" + d.approver() + ":" + d.comment();
    };
    holder[0] = DurableTestRunner.create(fn, String.class, String.class);
    return holder[0];
  }

  static ApprovalRequest.Builder refund() {
    return ApprovalRequest.builder("Refund order 42").details("Parcel **lost**.").requester("agent")
        .payload(Map.of("order", 42, "cents", 12000)).approvers("lead@example.com");
  }

  static Verdict verdict(String outcome, String who, String comment) {
    return new Verdict(outcome, who, comment, Instant.parse("2026-12-04T10:00:00Z"), "web", null);
  }

  @Test
  void approvalIsNotifiedOnceAndReturnsTheRecordedDecision() {
    var runner = runner(refund().timeout(Duration.ofHours(10)).build());
    TestResult<String> first = runner.run("go");
    assertThat(first.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(notifier.sent).hasSize(1);
    ApprovalMessage m = notifier.sent.get(0);
    assertThat(m.kind()).isEqualTo(ApprovalMessage.Kind.REQUEST);
    assertThat(m.requestHash()).isEqualTo(m.request().requestHash()).hasSize(64);
    assertThat(m.callbackId()).isEqualTo(runner.callbackId("decision"));

    runner.completeCallback("decision", verdict("APPROVED", "lead@example.com", "ok"));
    TestResult<String> done = runner.resume();
    assertThat(done.result()).isEqualTo("Approved:lead@example.com:ok");
    assertThat(notifier.sent).hasSize(1); // the replays did not send again
    assertThat(notifier.decided).singleElement().isInstanceOf(Decision.Approved.class);
  }

  @Test
  void remindersFireOnDurableTimersThenAutoReject() {
    var runner = runner(refund().timeout(Duration.ofHours(10))
        .reminders(Duration.ofHours(2), Duration.ofHours(6)).onTimeout(TimeoutPolicy.autoReject()).build());
    TestResult<String> done = runner.runUntilComplete("go");
    assertThat(done.result()).isEqualTo("TimedOut:system:no decision within PT10H");
    assertThat(notifier.sent).extracting(ApprovalMessage::kind).containsExactly(
        ApprovalMessage.Kind.REQUEST, ApprovalMessage.Kind.REMINDER, ApprovalMessage.Kind.REMINDER);
    assertThat(notifier.decided).singleElement().isInstanceOf(Decision.TimedOut.class);
    assertThat(runner.clock().instant()).isAfterOrEqualTo(Instant.EPOCH.plus(Duration.ofHours(10)));
  }

  @Test
  void failPolicyFailsTheRunWithATimeoutError() {
    var runner = runner(refund().timeout(Duration.ofMinutes(30)).onTimeout(TimeoutPolicy.fail()).build());
    TestResult<String> done = runner.runUntilComplete("go");
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorType()).contains("ApprovalTimeoutException");
    assertThat(done.error().errorMessage()).contains("approve-refund").contains("timed out");
  }

  @Test
  void escalationAsksTheNextApproverInTheSameRun() {
    RecordingNotifier mail = new RecordingNotifier("mail");
    RecordingNotifier chat = new RecordingNotifier("chat");
    var runner = runner(refund().timeout(Duration.ofHours(1)).onTimeout(TimeoutPolicy.escalate(
        List.of("cfo@example.com"), List.of("mail"), Duration.ofHours(2), TimeoutPolicy.autoReject())).build(),
        mail, chat);
    // the test runner skips time to every timer, so both rounds run out here
    TestResult<String> done = runner.runUntilComplete("go");
    assertThat(done.result()).isEqualTo("TimedOut:system:no decision within PT2H");
    assertThat(mail.sent).extracting(ApprovalMessage::kind)
        .containsExactly(ApprovalMessage.Kind.REQUEST, ApprovalMessage.Kind.ESCALATION);
    assertThat(chat.sent).extracting(ApprovalMessage::kind).containsExactly(ApprovalMessage.Kind.REQUEST);
    ApprovalMessage escalation = mail.sent.get(1);
    assertThat(escalation.approvers()).containsExactly("cfo@example.com");
    assertThat(escalation.callbackId()).isNotEqualTo(mail.sent.get(0).callbackId());
    assertThat(escalation.deadline()).isAfter(mail.sent.get(0).deadline().plus(Duration.ofMinutes(119)));
  }

  @Test
  void notifierOutagesAreRetriedAsDurableStepRetries() {
    RecordingNotifier flaky = new RecordingNotifier("flaky", 2);
    var runner = runner(refund().timeout(Duration.ofHours(1)).build(), flaky);
    // the runner skips the retry delays and then the whole wait, so the run ends in a timeout
    TestResult<String> waiting = runner.runUntilComplete("go");
    assertThat(waiting.error().errorType()).endsWith("ApprovalTimeoutException");
    assertThat(flaky.attempts).isEqualTo(3);
    assertThat(flaky.sent).hasSize(1);
    assertThat(waiting.operation("notify-flaky").attempts()).isEqualTo(3);
  }

  @Test
  void notifierThatNeverRecoversSurfacesAsAFailedStep() {
    RecordingNotifier dead = new RecordingNotifier("dead", 100);
    var runner = runner(refund().timeout(Duration.ofHours(1)).build(), dead);
    TestResult<String> done = runner.runUntilComplete("go");
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorMessage()).contains("channel down");
    assertThat(dead.attempts).isEqualTo(3);
  }

  @Test
  void everyCrashPointResumesToTheSameDecisionWithoutResendingAnAttempt() {
    ApprovalRequest request = refund().timeout(Duration.ofHours(3)).reminders(Duration.ofHours(1))
        .onTimeout(TimeoutPolicy.autoReject()).build();
    DurableFunction<String, String> fn = (in, ctx) -> {
      Decision d = Approvals.request(ctx, "approve-refund", request,
          ApprovalOptions.of(LINKS, new RecordingNotifier("rec")).withClock(java.time.Clock.fixed(
              Instant.parse("2026-12-04T00:00:00Z"), java.time.ZoneOffset.UTC)));
      return d.getClass().getSimpleName() + ":" + d.approver();
    };
    CrashPointExplorer.CrashReport report = CrashPointExplorer.explore(fn, String.class, String.class, "go");
    report.assertAllPassed();
    assertThat(report.expected()).contains("TimedOut:system");
    assertThat(report.stepBodies()).isGreaterThanOrEqualTo(4); // request, notify, reminder, announce
  }

  @Test
  void anEscalationThroughAnUnknownNotifierFailsAtOnceNotAtTheTimeout() {
    var runner = runner(refund().timeout(Duration.ofHours(1)).onTimeout(TimeoutPolicy.escalate(
        List.of("cfo@example.com"), List.of("pager"), Duration.ofHours(1), TimeoutPolicy.fail())).build());
    TestResult<String> done = runner.run("go");
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorMessage()).contains("notifier 'pager'").contains("[rec]");
    assertThat(notifier.sent).isEmpty();
  }

  @Test
  void badRequestsAreRefusedWithTheFieldAndTheFix() {
    assertThatThrownBy(() -> refund().approvers().payloadJson("{nope").build())
        .hasMessageContaining("payloadJson is not valid JSON");
    assertThatThrownBy(() -> ApprovalRequest.builder("t").payload(Map.of()).build())
        .hasMessageContaining("approvers is empty");
    assertThatThrownBy(() -> refund().timeout(Duration.ofHours(1)).reminders(Duration.ofHours(2)).build())
        .hasMessageContaining("reminder PT2H");
    assertThatThrownBy(() -> refund().timeout(Duration.ZERO).build()).hasMessageContaining("timeout is PT0S");
    assertThatThrownBy(() -> SigningKey.fromText("short")).hasMessageContaining("5 bytes")
        .hasMessageContaining("openssl rand -base64 32");
  }
}
