package dev.durable.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.agents.offline.ScriptedChatModel;
import dev.durable.local.LocalRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline on the embedded runtime (SQLite journal, worker): it pauses for approval and resumes. */
class EmbeddedRuntimeTest {
  record Question(String text) {}

  record Answer(String question, String draft, boolean approved) {
    Answer withDraft(String d) {
      return new Answer(question, d, approved);
    }

    Answer withApproval(ApprovalDecision d) {
      return new Answer(question, draft, d.approved());
    }
  }

  @Test
  void aPipelinePausesForApprovalOnTheEmbeddedRuntimeAndResumes(@TempDir Path dir) throws Exception {
    ScriptedChatModel model = ScriptedChatModel.builder().reply("42").build();
    CompletableFuture<String> callbackId = new CompletableFuture<>();
    Approver approver = CallbackApprover.notifying((id, request, step) -> callbackId.complete(id));
    Pipeline<Question, Answer> p = Flow.from(Question.class)
        .map(Answer.class, q -> new Answer(q.text(), null, false))
        .llm("draft", Llm.of(AiModel.of("m", model)), Answer::question, Answer::withDraft)
        .approval("ok", a -> "Send '" + a.draft() + "'?", Duration.ofHours(1), Answer::withApproval)
        .approver(approver)
        .build();

    try (LocalRuntime runtime = LocalRuntime.builder().storePath(dir.resolve("durable.db")).build()) {
      runtime.register("answer", p, p.inputType(), p.outputType());
      runtime.startWorker();
      String arn = runtime.start("answer", "q-1", new Question("meaning of life?")).executionArn();
      runtime.completeCallback(callbackId.get(30, TimeUnit.SECONDS),
          "{\"approved\":true,\"approver\":\"ann\",\"comment\":null}");
      Answer answer = runtime.await(arn, p.outputType(), Duration.ofSeconds(30));

      assertThat(answer).isEqualTo(new Answer("meaning of life?", "42", true));
      assertThat(model.calls()).isEqualTo(1);   // the resumed invocation replayed the model call
    }
  }
}
