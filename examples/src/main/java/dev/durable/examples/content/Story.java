package dev.durable.examples.content;

import dev.durable.agents.ApprovalDecision;
import java.util.List;

/**
 * The value the content pipeline hands from node to node; every {@code with...} returns a copy.
 *
 * @param brief the brief
 * @param notes research notes, one per topic
 * @param drafts the two writers' drafts
 * @param verdict the judge's choice
 * @param approved whether the editor approved
 * @param reviewer who reviewed
 * @param comment the reviewer's comment
 */
public record Story(Brief brief, List<String> notes, List<String> drafts, Verdict verdict, boolean approved,
    String reviewer, String comment) {

  /** A story with nothing but the brief. */
  public static Story start(Brief brief) {
    return new Story(brief, List.of(), List.of(), null, false, null, null);
  }

  /** With the research notes. */
  public Story withNotes(List<String> newNotes) {
    return new Story(brief, List.copyOf(newNotes), drafts, verdict, approved, reviewer, comment);
  }

  /** With the drafts. */
  public Story withDrafts(List<String> newDrafts) {
    return new Story(brief, notes, List.copyOf(newDrafts), verdict, approved, reviewer, comment);
  }

  /** With the judge's verdict. */
  public Story withVerdict(Verdict v) {
    return new Story(brief, notes, drafts, v, approved, reviewer, comment);
  }

  /** With the editor's decision and comment. */
  public Story withReview(ApprovalDecision d) {
    String who = d instanceof ApprovalDecision.Approved a ? a.approver()
        : d instanceof ApprovalDecision.Rejected r ? r.approver() : "nobody (timed out)";
    String note = d instanceof ApprovalDecision.Approved a ? a.comment()
        : d instanceof ApprovalDecision.Rejected r ? r.comment() : null;
    return new Story(brief, notes, drafts, verdict, d.approved(), who, note);
  }

  /** The draft the judge picked. */
  public String chosen() {
    return drafts.get(verdict == null || verdict.best() != 2 || drafts.size() < 2 ? 0 : 1);
  }

  /** The prompt for a writer. */
  public String draftPrompt() {
    return "Title: " + brief.title() + "\nAudience: " + brief.audience() + "\nResearch notes:\n- "
        + String.join("\n- ", notes);
  }

  /** The prompt for the judge. */
  public String judgePrompt() {
    return "Audience: " + brief.audience() + "\n\nDraft 1:\n" + drafts.get(0) + "\n\nDraft 2:\n" + drafts.get(1);
  }

  /** What the editor is asked. */
  public String reviewQuestion() {
    return "Publish \"" + brief.title() + "\"? The judge picked draft " + verdict.best() + " ("
        + verdict.reason() + ")\n\n" + chosen();
  }
}
