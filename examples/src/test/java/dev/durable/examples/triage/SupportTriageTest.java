package dev.durable.examples.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.AiModel;
import dev.durable.agents.ApprovalRequest;
import dev.durable.agents.Approver;
import dev.durable.agents.CallbackApprover;
import dev.durable.agents.HumanApprover;
import dev.durable.agents.Llm;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.SigningKey;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.examples.common.PrintingNotifier;
import dev.durable.testing.CrashPointExplorer;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportTriageTest {
  static final SigningKey KEY = SigningKey.fromText("support-triage-test-signing-key-0123456789");

  final ScriptedChatModel model = OfflineSupportModel.create();
  final SupportDesk desk = SupportDesk.sample();
  final List<String> printed = new ArrayList<>();
  final PrintingNotifier terminal = new PrintingNotifier(printed::add);

  SupportTriage triage(Approver approver) {
    return new SupportTriage(Llm.of(AiModel.of("offline", model)), approver, desk);
  }

  Approver humans() {
    return HumanApprover.of(ApprovalOptions.of(ApprovalLinks.of(URI.create("http://localhost:8087"), KEY), terminal),
        "support-lead@example.com").requester("support-triage");
  }

  static Map<String, Object> verdict(String outcome, String comment) {
    return Map.of("outcome", outcome, "approver", "support-lead@example.com", "comment", comment,
        "at", "2026-12-04T10:00:00Z", "channel", "web");
  }

  @Test
  void aLargeRefundWaitsForAHumanThenTheReplyIsSentOnce() {
    var runner = DurableTestRunner.create(triage(humans()), Ticket.class, TriageResult.class);
    TestResult<TriageResult> paused = runner.run(Ticket.lostParcel());

    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(desk.refundsMade()).isZero();
    assertThat(terminal.sent()).singleElement().satisfies(m -> {
      assertThat(m.request().title()).isEqualTo("Run tool issue_refund");
      assertThat(m.request().payloadJson()).contains("O-88231").contains("12900");
    });
    assertThat(printed.get(0)).contains("link for support-lead@example.com: http://localhost:8087/approval/");

    runner.completeCallback("decision", verdict("APPROVED", "lost parcel, within policy"));
    TestResult<TriageResult> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    TriageResult r = done.result();
    assertThat(r.category()).isEqualTo("shipping");
    assertThat(r.refund()).isEqualTo("refunded 129.00 USD after approval");
    assertThat(r.reply()).startsWith("Hi Dana,").contains("full refund of 129.00 USD")
        .endsWith("Alex, Customer Support");
    assertThat(r.messageId()).endsWith("@support.example.com>");
    assertThat(desk.refundsMade()).isEqualTo(1);
    assertThat(desk.mailsSent()).isEqualTo(1);
    assertThat(model.calls()).isEqualTo(4);    // classify, 2 agent turns, draft: none repeated by the replays
    assertThat(desk.calls()).isEqualTo(4);     // 2 lookups, the refund, the mail
    assertThat(done.operation("classify").status().name()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRejectedRefundIsNotMadeAndTheReplySaysSo() {
    var runner = DurableTestRunner.create(triage(humans()), Ticket.class, TriageResult.class);
    runner.run(Ticket.lostParcel());
    runner.completeCallback("decision", verdict("REJECTED", "ask for a photo of the parcel first"));
    TriageResult r = runner.resume().result();

    assertThat(r.refund()).isEqualTo("NOT refunded: rejected by support-lead@example.com: ask for a photo of the parcel first");
    assertThat(r.reply()).contains("could not issue the refund right away");
    assertThat(desk.refundsMade()).isZero();
  }

  @Test
  void aSmallRefundNeedsNoHuman() {
    Ticket small = new Ticket("T-1043", "sam.okafor@example.com", "O-90117", "Wrong cable",
        "The cable I got is USB-A, not USB-C. Please refund the 19.00 USD.");
    var runner = DurableTestRunner.create(triage(humans()), Ticket.class, TriageResult.class);
    TestResult<TriageResult> done = runner.run(small);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result().refund()).isEqualTo("refunded 19.00 USD");
    assertThat(terminal.sent()).isEmpty();
  }

  @Test
  void crashingAtEveryCheckpointAndStepBodyEndsTheSameAndRefundsOnce() {
    // a callback approver without a deadline, so the explorer's time skipping cannot time it out;
    // the driver approves whenever the run stands still on it
    Approver approver = (ctx, name, req) -> CallbackApprover.loggingOnly().decide(ctx, name,
        new ApprovalRequest(req.kind(), req.subject(), req.details(), null));
    var report = CrashPointExplorer.explore(triage(approver), TypeToken.of(Ticket.class),
        TypeToken.of(TriageResult.class), Ticket.lostParcel(), runner -> {
          try {
            runner.completeCallback("approve-issue_refund#refund", new CallbackApprover.Decision(true, "lead", "ok"));
            return true;
          } catch (RuntimeException alreadyDone) {
            return false;
          }
        });
    report.assertAllPassed();
    assertThat(report.expected()).contains("refunded 129.00 USD after approval");
    assertThat(report.points()).hasSizeGreaterThan(20);
  }
}
