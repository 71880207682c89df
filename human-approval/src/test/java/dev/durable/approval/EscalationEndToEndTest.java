package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On the embedded runtime in real time: the first round times out (2 s), the escalation goes to the
 * next approver in the same run, the first round's link is refused as too late, and the escalation
 * approver's decision completes the run.
 */
class EscalationEndToEndTest {

  @Test
  void afterTheTimeoutTheOldLinkIsRefusedAndTheEscalationApproverDecides() {
    RecordingNotifier notes = new RecordingNotifier("rec");
    try (Stack stack = new Stack(() -> ApprovalRequest.builder("Wire 50k EUR").payload(Map.of("eur", 50_000))
        .approvers("lead@example.com").timeout(Duration.ofSeconds(2))
        .onTimeout(TimeoutPolicy.escalate(List.of("cfo@example.com"), List.of(), Duration.ofHours(1),
            TimeoutPolicy.fail())).build(), notes)) {
      String arn = stack.start("escalate-1");
      Await.until("the escalation", () -> notes.sent.stream()
          .anyMatch(m -> m.kind() == ApprovalMessage.Kind.ESCALATION));
      ApprovalMessage first = notes.sent.get(0);
      ApprovalMessage escalation = notes.sent.stream()
          .filter(m -> m.kind() == ApprovalMessage.Kind.ESCALATION).findFirst().orElseThrow();
      assertThat(first.kind()).isEqualTo(ApprovalMessage.Kind.REQUEST);
      assertThat(escalation.approvers()).containsExactly("cfo@example.com");

      String late = first.pageUrl("lead@example.com", "approve");
      HttpResponse<String> tooLate = Http.postForm(Http.formAction(late),
          Map.of("t", Http.query(late).get("t"), "action", "approve"));
      assertThat(tooLate.statusCode()).isEqualTo(410);
      // the lead is not on the escalation round's list either
      String leadOnEscalation = escalation.pageUrl("lead@example.com", "approve");
      assertThat(Http.postForm(Http.formAction(leadOnEscalation),
          Map.of("t", Http.query(leadOnEscalation).get("t"), "action", "approve")).statusCode()).isEqualTo(403);

      String cfo = escalation.pageUrl("cfo@example.com", "reject");
      HttpResponse<String> decided = Http.postForm(Http.formAction(cfo),
          Map.of("t", Http.query(cfo).get("t"), "action", "reject", "comment", "not this quarter"));
      assertThat(decided.statusCode()).isEqualTo(200);
      assertThat(stack.runtime.await(arn, String.class, Duration.ofSeconds(30))).isEqualTo("SKIPPED by cfo@example.com");
    }
  }
}
