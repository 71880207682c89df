package dev.durable.examples.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.AiModel;
import dev.durable.agents.CallbackApprover;
import dev.durable.agents.HumanApprover;
import dev.durable.agents.Llm;
import dev.durable.agents.Pipeline;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.SigningKey;
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

class ContentPipelineTest {
  final ScriptedChatModel analyst = OfflineContentModel.create(OfflineContentModel.Style.ANALYST);
  final ScriptedChatModel concise = OfflineContentModel.create(OfflineContentModel.Style.CONCISE);
  final ScriptedChatModel narrative = OfflineContentModel.create(OfflineContentModel.Style.NARRATIVE);
  final Cms cms = new Cms();
  final List<String> printed = new ArrayList<>();

  ContentPipeline.Models models() {
    return new ContentPipeline.Models(Llm.of(AiModel.of("analyst", analyst)), Llm.of(AiModel.of("concise", concise)),
        Llm.of(AiModel.of("narrative", narrative)), Llm.of(AiModel.of("judge", analyst)));
  }

  Pipeline<Brief, Published> pipeline() {
    var editor = HumanApprover.of(ApprovalOptions.of(ApprovalLinks.of(URI.create("http://localhost:8087"),
        SigningKey.fromText("content-pipeline-test-key-0123456789abcdef")), new PrintingNotifier(printed::add)),
        "editor@example.com").requester("content-pipeline");
    return ContentPipeline.build(models(), editor, cms);
  }

  static Map<String, Object> verdict(String outcome, String comment) {
    return Map.of("outcome", outcome, "approver", "editor@example.com", "comment", comment,
        "at", "2026-12-04T10:00:00Z", "channel", "web");
  }

  @Test
  void researchesDraftsTwiceJudgesAsksTheEditorAndPublishesOnce() {
    Pipeline<Brief, Published> p = pipeline();
    var runner = DurableTestRunner.create(p, p.inputType(), p.outputType());
    TestResult<Published> paused = runner.run(Brief.sample());
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(printed.get(0)).contains("Publish \"Durable execution for AI agents\"? The judge picked draft 1");
    assertThat(cms.calls()).isZero();

    runner.completeCallback("decision", verdict("APPROVED", "Great intro; link the docs in the second paragraph."));
    TestResult<Published> done = runner.resume();

    Published pub = done.result();
    assertThat(pub.status()).isEqualTo("PUBLISHED");
    assertThat(pub.url()).isEqualTo("https://blog.example.com/durable-execution-for-ai-agents");
    assertThat(pub.body()).startsWith("AI agents fail in the middle");
    assertThat(pub.editorNote()).isEqualTo("Great intro; link the docs in the second paragraph.");
    assertThat(analyst.calls()).isEqualTo(4);   // three research notes and the judge
    assertThat(concise.calls()).isEqualTo(1);
    assertThat(narrative.calls()).isEqualTo(1);
    assertThat(cms.published()).isEqualTo(1);
    assertThat(done.operation("research").status().name()).isEqualTo("SUCCEEDED");
    assertThat(done.operation("drafts").status().name()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRejectedReviewHoldsTheArticleWithTheEditorsComment() {
    Pipeline<Brief, Published> p = pipeline();
    var runner = DurableTestRunner.create(p, p.inputType(), p.outputType());
    runner.run(Brief.sample());
    runner.completeCallback("decision", verdict("REJECTED", "Needs a concrete benchmark first."));
    Published pub = runner.resume().result();
    assertThat(pub.status()).isEqualTo("HELD");
    assertThat(pub.editorNote()).isEqualTo("Needs a concrete benchmark first.");
    assertThat(cms.calls()).isZero();
  }

  @Test
  void crashingAtEveryPointEndsTheSame() {
    Pipeline<Brief, Published> p = ContentPipeline.build(models(), (ctx, name, req) -> CallbackApprover.loggingOnly()
        .decide(ctx, name, new dev.durable.agents.ApprovalRequest(req.kind(), req.subject(), req.details(), null)), cms);
    CrashPointExplorer.explore(p, p.inputType(), p.outputType(), Brief.sample(), runner -> {
      try {
        runner.completeCallback("editor-review", new CallbackApprover.Decision(true, "editor", "ok"));
        return true;
      } catch (RuntimeException done) {
        return false;
      }
    }).assertAllPassed();
    assertThat(cms.published()).isGreaterThanOrEqualTo(1);
  }
}
