package dev.durable.examples.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.AiModel;
import dev.durable.agents.HumanApprover;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.approval.ApprovalLinks;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.SigningKey;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.examples.common.PrintingNotifier;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeepResearchTest {
  final ScriptedChatModel primary = OfflineResearchModel.primary();
  final ScriptedChatModel fallback = OfflineResearchModel.fallback();
  final Library web = Library.sample();
  final List<String> printed = new ArrayList<>();

  DurableTestRunner<String, ResearchReport> runner() {
    var lead = HumanApprover.of(ApprovalOptions.of(ApprovalLinks.of(URI.create("http://localhost:8087"),
        SigningKey.fromText("deep-research-test-key-0123456789abcdefgh")), new PrintingNotifier(printed::add)),
        "lead@example.com").requester("deep-research");
    var research = new DeepResearch(AiModel.of("primary", primary), AiModel.of("fallback", fallback), lead, web,
        DeepResearch.DEFAULT_TOKENS);
    return DurableTestRunner.create(research, String.class, ResearchReport.class);
  }

  @Test
  void theBudgetPausesForApprovalThenTheFallbackFinishesTheReport() {
    var runner = runner();
    TestResult<ResearchReport> paused = runner.run("Why does durable execution matter for AI agents?");
    assertThat(paused.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(printed.get(0)).contains("Let agent research continue past its budget");
    // turns 1-2 on the primary; turns 3-4 asked the primary (throttled) and then the fallback
    assertThat(primary.calls()).isEqualTo(4);
    assertThat(fallback.calls()).isEqualTo(2);

    runner.completeCallback("decision", Map.of("outcome", "APPROVED", "approver", "lead@example.com",
        "comment", "one more allowance", "at", "2026-12-04T10:00:00Z", "channel", "web"));
    TestResult<ResearchReport> done = runner.resume();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ResearchReport r = done.result();
    assertThat(r.turns()).isEqualTo(6);
    assertThat(r.tokens()).isEqualTo(9_000);
    assertThat(r.modelsUsed()).containsExactly("primary", "primary", "fallback", "fallback", "fallback", "fallback");
    assertThat(r.sources()).contains("https://docs.example.org/durable-execution", "https://blog.example.org/agent-costs");
    assertThat(r.answer()).startsWith("Durable execution makes agent restarts cheap.");
    assertThat(primary.calls()).isEqualTo(6);    // turns 5-6 tried it first too; the replays asked no model again
    assertThat(fallback.calls()).isEqualTo(4);
    assertThat(web.calls()).isEqualTo(5);        // search, read, read, search, read
    assertThat(done.operation("budget-1").status().name()).isEqualTo("SUCCEEDED");
  }

  @Test
  void crashingAtEveryPointEndsTheSameWithTheSameModelPath() {
    var research = new DeepResearch(AiModel.of("primary", primary), AiModel.of("fallback", fallback),
        (ctx, name, req) -> dev.durable.agents.CallbackApprover.loggingOnly().decide(ctx, name,
            new dev.durable.agents.ApprovalRequest(req.kind(), req.subject(), req.details(), null)),
        web, DeepResearch.DEFAULT_TOKENS);
    var report = dev.durable.testing.CrashPointExplorer.explore(research, dev.durable.core.TypeToken.of(String.class),
        dev.durable.core.TypeToken.of(ResearchReport.class), "Why does durable execution matter?", runner -> {
          try {
            runner.completeCallback("budget-1", new dev.durable.agents.CallbackApprover.Decision(true, "lead", "go on"));
            return true;
          } catch (RuntimeException done) {
            return false;
          }
        });
    report.assertAllPassed();
    assertThat(report.expected()).contains("\"modelsUsed\":[\"primary\",\"primary\",\"fallback\"");
  }

  @Test
  void aRefusedBudgetStopsTheRun() {
    var runner = runner();
    runner.run("Why does durable execution matter for AI agents?");
    runner.completeCallback("decision", Map.of("outcome", "REJECTED", "approver", "lead@example.com",
        "comment", "enough", "at", "2026-12-04T10:00:00Z", "channel", "web"));
    TestResult<ResearchReport> done = runner.resume();
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorMessage()).contains("budget");
  }
}
