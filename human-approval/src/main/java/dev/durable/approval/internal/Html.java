package dev.durable.approval.internal;

import dev.durable.approval.ApprovalRequest;

/** The approval pages: plain HTML, everything escaped, no scripts. */
public final class Html {
  private Html() {}

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>" + esc(title) + "</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}"
        + "pre,.details{white-space:pre-wrap;background:#f6f6f6;padding:.75rem;border-radius:4px}"
        + "button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}"
        + "textarea{width:100%;min-height:4rem}</style></head><body>" + body + "</body></html>";
  }

  /** The request and a form that POSTs the decision; opening it decides nothing. */
  public static String request(RequestRecord rec, String formAction, String token, String approver,
      String preselect) {
    ApprovalRequest r = rec.request();
    StringBuilder b = new StringBuilder();
    b.append("<h1 id=\"title\">").append(esc(r.title())).append("</h1>");
    b.append("<p>Requested by <b>").append(esc(r.requester())).append("</b>; you are signed in by this link as <b id=\"approver\">")
        .append(esc(approver)).append("</b>. Decide before ").append(esc(rec.deadline().toString())).append(".</p>");
    b.append("<div class=\"details\" id=\"details\">").append(esc(r.details())).append("</div>");
    b.append("<h2>Payload</h2><pre id=\"payload\">").append(esc(r.payloadJson())).append("</pre>");
    b.append("<p><small>Request SHA-256 <code id=\"hash\">").append(esc(rec.requestHash())).append("</code></small></p>");
    b.append("<form method=\"post\" action=\"").append(esc(formAction)).append("\">");
    b.append("<input type=\"hidden\" name=\"t\" value=\"").append(esc(token)).append("\">");
    if (r.actions().contains(ApprovalRequest.Action.COMMENT)) {
      b.append("<p><label for=\"comment\">Comment (optional)</label><br><textarea id=\"comment\" name=\"comment\" maxlength=\"")
          .append(ApprovalRequest.MAX_COMMENT).append("\"></textarea></p>");
    }
    if (r.actions().contains(ApprovalRequest.Action.APPROVE)) {
      b.append("<button id=\"approve\" name=\"action\" value=\"approve\"")
          .append("approve".equals(preselect) ? " autofocus" : "").append(">Approve</button>");
    }
    if (r.actions().contains(ApprovalRequest.Action.REJECT)) {
      b.append("<button id=\"reject\" name=\"action\" value=\"reject\"")
          .append("reject".equals(preselect) ? " autofocus" : "").append(">Reject</button>");
    }
    b.append("</form>");
    return page("Approval: " + r.title(), b.toString());
  }

  /** After a decision, or when someone already decided. */
  public static String outcome(String heading, Verdict v, String title,
      dev.durable.core.model.OperationStatus runStatus) {
    String body = "<h1 id=\"outcome\">" + esc(heading) + "</h1><p>" + esc(title) + "</p>"
        + "<p id=\"who\">" + esc(v.outcome().equals(Verdict.APPROVED) ? "Approved" : "Rejected") + " by "
        + esc(v.approver()) + " at " + esc(v.at().toString()) + " (" + esc(v.channel()) + ")</p>"
        + (v.comment() == null || v.comment().isEmpty() ? "" : "<p>Comment: " + esc(v.comment()) + "</p>")
        + (runStatus == null ? "<p>The run continues; reload this page to see its status.</p>"
            : "<p>Run status: <b id=\"run-status\">" + esc(runStatus.name()) + "</b></p>");
    return page(heading, body);
  }

  /** Any refusal: a status line and a reason a person can act on. */
  public static String error(String heading, String reason) {
    return page(heading, "<h1 id=\"error\">" + esc(heading) + "</h1><p id=\"reason\">" + esc(reason) + "</p>");
  }
}
